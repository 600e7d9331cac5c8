CREATE TABLE `listing_units` (
	`id` integer PRIMARY KEY NOT NULL,
	`listing_id` integer NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`included` text DEFAULT '' NOT NULL,
	`price` integer NOT NULL,
	`stock` integer,
	`turnaround_days` integer,
	`retired_at` integer,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "listing_units_kind" CHECK("listing_units"."kind" IN ('package', 'variant', 'default')),
	CONSTRAINT "listing_units_price" CHECK("listing_units"."price" >= 0),
	CONSTRAINT "listing_units_stock" CHECK("listing_units"."stock" IS NULL OR "listing_units"."stock" >= 0)
);
--> statement-breakpoint
CREATE INDEX `listing_units_listing_id_idx` ON `listing_units` (`listing_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `listing_units_default_idx` ON `listing_units` (`listing_id`) WHERE "listing_units"."kind" = 'default';