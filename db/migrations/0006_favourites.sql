CREATE TABLE `favourites` (
	`member_id` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`member_id`, `listing_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `favourites_member_id_created_at_idx` ON `favourites` (`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `favourites_listing_id_idx` ON `favourites` (`listing_id`);