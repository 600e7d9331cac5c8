CREATE TABLE `search_log` (
	`day` integer NOT NULL,
	`query` text NOT NULL,
	`filters` text NOT NULL,
	`searches` integer NOT NULL,
	`results` integer NOT NULL,
	`last_searched_at` integer NOT NULL,
	PRIMARY KEY(`day`, `query`, `filters`)
);
--> statement-breakpoint
CREATE INDEX `search_log_results_idx` ON `search_log` (`results`,`day`);