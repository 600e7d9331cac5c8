-- Sellable units (issue 8): what can be bought moves into listing_units (made by 0010; why, in
-- src/models/listing/units.ts). Every package and variant becomes a unit, and every product
-- without variants gets its one default unit carrying the price and stock that were on the
-- listing; 0012 then drops listing_packages, listing_variants and listings.price/stock.
--
-- Nothing refers to the old package and variant ids (there are no orders yet), so units get new
-- ids. Negative prices or stock were never accepted by the form, but nothing in the database
-- stopped them: they become 0 rather than fail the CHECKs and keep the server from starting.
INSERT INTO listing_units (listing_id, kind, position, name, included, price, stock, turnaround_days)
  SELECT listing_id, 'package', position, name, included, max(price, 0), NULL, turnaround_days
  FROM listing_packages ORDER BY listing_id, position;
--> statement-breakpoint
INSERT INTO listing_units (listing_id, kind, position, name, price, stock)
  SELECT listing_id, 'variant', position, name, max(price, 0), max(stock, 0)
  FROM listing_variants ORDER BY listing_id, position;
--> statement-breakpoint
INSERT INTO listing_units (listing_id, kind, position, price, stock)
  SELECT id, 'default', 0, max(coalesce(price, from_price), 0), max(coalesce(stock, 0), 0)
  FROM listings l
  WHERE kind = 'product' AND NOT EXISTS (SELECT 1 FROM listing_variants v WHERE v.listing_id = l.id)
  ORDER BY id;
--> statement-breakpoint
-- Search reads the names of the units on sale (retired ones are not indexed) instead of the
-- packages and variants; otherwise the document is 0004's.
DROP VIEW listing_search_documents;
--> statement-breakpoint
CREATE VIEW listing_search_documents AS
SELECT
  l.id AS id,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(l.title, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS title,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(parent.name || ' ', '') || category.name, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS category,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s.name || ' ' || s.area, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS store,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(l.tags, ',', ' '), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS tags,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce((SELECT group_concat(name, ' ' ORDER BY position) FROM listing_units
    WHERE listing_id = l.id AND retired_at IS NULL AND name != ''), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS options,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(l.description, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS description
FROM listings l
JOIN stores s ON s.id = l.store_id
JOIN categories category ON category.id = l.category_id
LEFT JOIN categories parent ON parent.id = category.parent_id
WHERE l.status = 'published';
--> statement-breakpoint
CREATE TRIGGER listing_search_after_unit_insert AFTER INSERT ON listing_units BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.listing_id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_unit_delete AFTER DELETE ON listing_units BEGIN
  DELETE FROM listing_search WHERE rowid = OLD.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = OLD.listing_id;
END;
--> statement-breakpoint
-- Not on stock or price: a sale changes no words.
CREATE TRIGGER listing_search_after_unit_update AFTER UPDATE OF name, retired_at ON listing_units BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.listing_id;
END;
--> statement-breakpoint
DELETE FROM listing_search;
--> statement-breakpoint
INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
  SELECT * FROM listing_search_documents;
--> statement-breakpoint
-- Stock and prices change search's filters (in stock, price), as 0009 says: every write moves
-- search_version on.
CREATE TRIGGER search_version_after_listing_units_insert AFTER INSERT ON listing_units BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_units_update AFTER UPDATE ON listing_units BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_after_listing_units_delete AFTER DELETE ON listing_units BEGIN
  UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
UPDATE search_version SET version = version + 1 WHERE id = 1;
