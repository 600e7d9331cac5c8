CREATE TABLE `image_uploads` (
	`image_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`image_id`, `member_id`),
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `image_uploads_member_idx` ON `image_uploads` (`member_id`);--> statement-breakpoint
-- Uploads made before this table: their first uploader.
INSERT INTO `image_uploads` (`image_id`, `member_id`, `created_at`)
SELECT `id`, `uploaded_by`, `created_at` FROM `images` WHERE `uploaded_by` IS NOT NULL;
