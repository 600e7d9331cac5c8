CREATE INDEX `listings_status_from_price_idx` ON `listings` (`status`,`from_price`);--> statement-breakpoint
CREATE INDEX `stores_position_idx` ON `stores` (`latitude`,`longitude`);