-- What a search answers can change only through these tables; every write to them moves
-- search_version on, in the same transaction, and search keeps answers while it stands still
-- (src/models/listing/search-cache.ts). Stock and prices count too: they change filters.
CREATE TABLE `search_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `listings_facets_idx` ON `listings` (`status`,`category_id`,`kind`,`from_price`,`pickup`,`delivery`,`service_locations`);
--> statement-breakpoint
INSERT INTO `search_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER search_version_after_listings_insert AFTER INSERT ON listings BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listings_update AFTER UPDATE ON listings BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listings_delete AFTER DELETE ON listings BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_packages_insert AFTER INSERT ON listing_packages BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_packages_update AFTER UPDATE ON listing_packages BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_packages_delete AFTER DELETE ON listing_packages BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_variants_insert AFTER INSERT ON listing_variants BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_variants_update AFTER UPDATE ON listing_variants BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_variants_delete AFTER DELETE ON listing_variants BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_stores_insert AFTER INSERT ON stores BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_stores_update AFTER UPDATE ON stores BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_stores_delete AFTER DELETE ON stores BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_categories_insert AFTER INSERT ON categories BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_categories_update AFTER UPDATE ON categories BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_categories_delete AFTER DELETE ON categories BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
