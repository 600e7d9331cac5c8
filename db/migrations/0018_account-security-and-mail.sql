CREATE TABLE `account_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`email` text NOT NULL,
	`token_hash` blob NOT NULL,
	`code_hash` blob,
	`failures` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_tokens_token_hash_idx` ON `account_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `account_tokens_member_idx` ON `account_tokens` (`member_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `mail_opt_outs` (
	`member_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`member_id`, `kind`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mails` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`member_id` integer,
	`kind` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`unsubscribe_url` text,
	`state` text DEFAULT 'waiting' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mails_key_idx` ON `mails` (`key`);--> statement-breakpoint
CREATE INDEX `mails_state_idx` ON `mails` (`state`,`id`);--> statement-breakpoint
CREATE INDEX `mails_member_idx` ON `mails` (`member_id`,`id`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`code_hash` blob NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_member_idx` ON `recovery_codes` (`member_id`);--> statement-breakpoint
CREATE TABLE `second_factor_failures` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`failed_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `second_factor_failures_member_idx` ON `second_factor_failures` (`member_id`,`failed_at`);--> statement-breakpoint
CREATE TABLE `sign_in_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`member_id` integer NOT NULL,
	`next` text DEFAULT '/' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sign_in_challenges_member_idx` ON `sign_in_challenges` (`member_id`);--> statement-breakpoint
CREATE TABLE `sign_ins` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sign_ins_member_idx` ON `sign_ins` (`member_id`,`at`);--> statement-breakpoint
ALTER TABLE `members` ADD `email_verified_at` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `totp_key` blob;--> statement-breakpoint
ALTER TABLE `members` ADD `totp_pending_key` blob;--> statement-breakpoint
ALTER TABLE `members` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `totp_last_step` integer;--> statement-breakpoint
-- SQLite cannot add a column with a random default: add it empty, then give each member a token.
ALTER TABLE `members` ADD `unsubscribe_token` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `members` SET `unsubscribe_token` = lower(hex(randomblob(20)));--> statement-breakpoint
-- Members from before verification existed keep their storefronts: their address counts as proven.
UPDATE `members` SET `email_verified_at` = `created_at`;--> statement-breakpoint
ALTER TABLE `members` ADD `deleted_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `members_unsubscribe_token_idx` ON `members` (`unsubscribe_token`);--> statement-breakpoint
ALTER TABLE `site` ADD `require_two_factor_for_operators` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `site` ADD `require_two_factor_for_providers` integer DEFAULT false NOT NULL;