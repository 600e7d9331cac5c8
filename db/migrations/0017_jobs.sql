-- Durable background jobs (src/jobs/queue.ts): housekeeping and order auto-completion move here from
-- timers, and the mail of the email issue will be enqueued in the transaction that causes it.
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`payload` text DEFAULT 'null' NOT NULL,
	`key` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`run_at` integer NOT NULL,
	`locked_until` integer,
	`started_at` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	CONSTRAINT "jobs_state" CHECK("jobs"."state" IN ('queued', 'running', 'done', 'dead'))
);
--> statement-breakpoint
CREATE INDEX `jobs_state_run_at_idx` ON `jobs` (`state`,`run_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_key_idx` ON `jobs` (`key`) WHERE "jobs"."key" IS NOT NULL AND "jobs"."state" IN ('queued', 'running');