-- Conversations are named in URLs by a random code (ARCHITECTURE.md: ids that don't invite
-- guessing). Conversations from before get one here: ten random hex digits.
ALTER TABLE `conversations` ADD `code` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `conversations` SET `code` = upper(hex(randomblob(5)));--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_code_idx` ON `conversations` (`code`);
