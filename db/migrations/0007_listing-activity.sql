CREATE TABLE `listing_activity` (
	`day` integer NOT NULL,
	`kind` text NOT NULL,
	`listing_id` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `kind`, `listing_id`),
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listing_activity_listing_id_idx` ON `listing_activity` (`listing_id`);--> statement-breakpoint
CREATE TABLE `recently_viewed` (
	`member_id` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`viewed_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `listing_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recently_viewed_member_id_idx` ON `recently_viewed` (`member_id`,`viewed_at`);--> statement-breakpoint
CREATE INDEX `recently_viewed_listing_id_idx` ON `recently_viewed` (`listing_id`);