DROP TABLE `listing_packages`;--> statement-breakpoint
DROP TABLE `listing_variants`;--> statement-breakpoint
ALTER TABLE `listings` DROP COLUMN `price`;--> statement-breakpoint
ALTER TABLE `listings` DROP COLUMN `stock`;