CREATE TABLE `listing_packages` (
	`id` integer PRIMARY KEY NOT NULL,
	`listing_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`included` text DEFAULT '' NOT NULL,
	`price` integer NOT NULL,
	`turnaround_days` integer,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listing_packages_listing_id_idx` ON `listing_packages` (`listing_id`,`position`);--> statement-breakpoint
CREATE TABLE `listing_photos` (
	`id` integer PRIMARY KEY NOT NULL,
	`listing_id` integer NOT NULL,
	`image_id` integer NOT NULL,
	`position` integer NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `listing_photos_listing_id_idx` ON `listing_photos` (`listing_id`,`position`);--> statement-breakpoint
CREATE TABLE `listing_variants` (
	`id` integer PRIMARY KEY NOT NULL,
	`listing_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`price` integer NOT NULL,
	`stock` integer NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listing_variants_listing_id_idx` ON `listing_variants` (`listing_id`,`position`);--> statement-breakpoint
CREATE TABLE `listings` (
	`id` integer PRIMARY KEY NOT NULL,
	`store_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`title` text NOT NULL,
	`slug` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category_id` integer NOT NULL,
	`tags` text DEFAULT '' NOT NULL,
	`from_price` integer NOT NULL,
	`service_locations` text DEFAULT '' NOT NULL,
	`duration_minutes` integer,
	`bookable` integer DEFAULT false NOT NULL,
	`price` integer,
	`stock` integer,
	`pickup` integer DEFAULT false NOT NULL,
	`delivery` integer DEFAULT false NOT NULL,
	`delivery_fee` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `listings_store_id_idx` ON `listings` (`store_id`,`status`);--> statement-breakpoint
CREATE INDEX `listings_status_published_at_idx` ON `listings` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `listings_category_id_idx` ON `listings` (`category_id`,`status`);