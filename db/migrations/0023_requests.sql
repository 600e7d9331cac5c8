CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`store_id` integer NOT NULL,
	`price` integer NOT NULL,
	`listing_id` integer,
	`unit_id` integer,
	`package_name` text DEFAULT '' NOT NULL,
	`visit_on` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`order_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`unit_id`) REFERENCES `listing_units`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "proposals_price" CHECK("proposals"."price" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_request_store_idx` ON `proposals` (`request_id`,`store_id`);--> statement-breakpoint
CREATE INDEX `proposals_store_idx` ON `proposals` (`store_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `request_photos` (
	`request_id` integer NOT NULL,
	`image_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`request_id`, `position`),
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`buyer_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category_id` integer NOT NULL,
	`budget_min` integer,
	`budget_max` integer,
	`place` text NOT NULL,
	`area` text DEFAULT '' NOT NULL,
	`latitude` real,
	`longitude` real,
	`needed_by` text,
	`visibility` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`expires_at` integer NOT NULL,
	`hired_proposal_id` integer,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`buyer_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_requests_budget" CHECK(("service_requests"."budget_min" IS NULL OR "service_requests"."budget_min" >= 0) AND ("service_requests"."budget_max" IS NULL OR "service_requests"."budget_max" >= coalesce("service_requests"."budget_min", 0)))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_requests_code_unique` ON `service_requests` (`code`);--> statement-breakpoint
CREATE INDEX `service_requests_open_idx` ON `service_requests` (`status`,`category_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_buyer_idx` ON `service_requests` (`buyer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_expiry_idx` ON `service_requests` (`status`,`expires_at`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `request_id` integer REFERENCES service_requests(id) ON DELETE SET NULL;--> statement-breakpoint
-- Full-text search over open requests (src/models/request/browse.ts), a sibling of listing_search
-- (0004_search.sql) built the same way: its own copy of each open request's words, kept by
-- triggers in the transaction of every write, Arabic vowel marks removed as the query's are.
CREATE VIEW request_search_documents AS
SELECT
  r.id AS id,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(r.title, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS title,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(parent.name || ' ', '') || category.name, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS category,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(r.description, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS description
FROM service_requests r
JOIN categories category ON category.id = r.category_id
LEFT JOIN categories parent ON parent.id = category.parent_id
WHERE r.status = 'open';
--> statement-breakpoint
CREATE VIRTUAL TABLE request_search USING fts5(
  title, category, description,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER request_search_after_insert AFTER INSERT ON service_requests BEGIN
  INSERT INTO request_search (rowid, title, category, description)
    SELECT * FROM request_search_documents WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER request_search_after_update
AFTER UPDATE OF title, description, category_id, status ON service_requests BEGIN
  DELETE FROM request_search WHERE rowid = OLD.id;
  INSERT INTO request_search (rowid, title, category, description)
    SELECT * FROM request_search_documents WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER request_search_after_delete AFTER DELETE ON service_requests BEGIN
  DELETE FROM request_search WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER request_search_after_category_update AFTER UPDATE OF name, parent_id ON categories BEGIN
  DELETE FROM request_search WHERE rowid IN (SELECT id FROM service_requests WHERE status = 'open' AND category_id IN (SELECT id FROM categories WHERE id = NEW.id OR parent_id = NEW.id));
  INSERT INTO request_search (rowid, title, category, description)
    SELECT * FROM request_search_documents WHERE id IN (SELECT id FROM service_requests WHERE status = 'open' AND category_id IN (SELECT id FROM categories WHERE id = NEW.id OR parent_id = NEW.id));
END;
