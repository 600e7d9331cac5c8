CREATE TABLE `booking_holds` (
	`store_id` integer NOT NULL,
	`cell` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`slot_start` integer NOT NULL,
	`seats` integer NOT NULL,
	`capacity` integer NOT NULL,
	PRIMARY KEY(`store_id`, `cell`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "booking_holds_seats" CHECK("booking_holds"."seats" BETWEEN 1 AND "booking_holds"."capacity")
);
--> statement-breakpoint
CREATE TABLE `booking_rules` (
	`listing_id` integer PRIMARY KEY NOT NULL,
	`slot_minutes` integer NOT NULL,
	`buffer_minutes` integer DEFAULT 0 NOT NULL,
	`horizon_days` integer DEFAULT 30 NOT NULL,
	`notice_minutes` integer DEFAULT 120 NOT NULL,
	`capacity` integer DEFAULT 1 NOT NULL,
	`cancellation_hours` integer DEFAULT 24 NOT NULL,
	`instant_book` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "booking_rules_values" CHECK("booking_rules"."slot_minutes" > 0 AND "booking_rules"."buffer_minutes" >= 0 AND "booking_rules"."horizon_days" > 0 AND "booking_rules"."notice_minutes" >= 0 AND "booking_rules"."capacity" > 0 AND "booking_rules"."cancellation_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`listing_id` integer,
	`store_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`buffer_minutes` integer DEFAULT 0 NOT NULL,
	`seats` integer DEFAULT 1 NOT NULL,
	`holding` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`proposed_starts_at` integer,
	`proposed_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bookings_time" CHECK("bookings"."ends_at" > "bookings"."starts_at" AND "bookings"."seats" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_order_id_unique` ON `bookings` (`order_id`);--> statement-breakpoint
CREATE INDEX `bookings_store_idx` ON `bookings` (`store_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_listing_idx` ON `bookings` (`listing_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `store_days_off` (
	`store_id` integer NOT NULL,
	`date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`store_id`, `date`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `store_hours` (
	`id` integer PRIMARY KEY NOT NULL,
	`store_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "store_hours_weekday" CHECK("store_hours"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "store_hours_minutes" CHECK("store_hours"."start_minute" BETWEEN 0 AND 1439 AND "store_hours"."end_minute" BETWEEN 0 AND 1440 AND "store_hours"."start_minute" <> "store_hours"."end_minute")
);
--> statement-breakpoint
CREATE INDEX `store_hours_store_idx` ON `store_hours` (`store_id`,`weekday`);--> statement-breakpoint
ALTER TABLE `stores` ADD `calendar_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `stores_calendar_token_unique` ON `stores` (`calendar_token`);