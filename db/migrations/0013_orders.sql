CREATE TABLE `cart_lines` (
	`member_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `unit_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `listing_units`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "cart_lines_quantity" CHECK("cart_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `cart_lines_unit_id_idx` ON `cart_lines` (`unit_id`);--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`store_id` integer,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`min_spend` integer DEFAULT 0 NOT NULL,
	`max_discount` integer,
	`expires_at` integer,
	`usage_limit` integer,
	`used_count` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "coupons_kind" CHECK("coupons"."kind" IN ('percent', 'fixed')),
	CONSTRAINT "coupons_value" CHECK("coupons"."value" > 0 AND ("coupons"."kind" = 'fixed' OR "coupons"."value" <= 100)),
	CONSTRAINT "coupons_min_spend" CHECK("coupons"."min_spend" >= 0),
	CONSTRAINT "coupons_max_discount" CHECK("coupons"."max_discount" IS NULL OR "coupons"."max_discount" > 0),
	CONSTRAINT "coupons_usage" CHECK("coupons"."used_count" >= 0 AND ("coupons"."usage_limit" IS NULL OR "coupons"."used_count" <= "coupons"."usage_limit"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupons_code_unique` ON `coupons` (`code`);--> statement-breakpoint
CREATE INDEX `coupons_store_id_idx` ON `coupons` (`store_id`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`transaction_id` integer NOT NULL,
	`account` text NOT NULL,
	`store_id` integer,
	`order_id` integer,
	`amount` integer NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `ledger_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_amount" CHECK("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_transaction_id_idx` ON `ledger_entries` (`transaction_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_account_store_idx` ON `ledger_entries` (`account`,`store_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_order_id_idx` ON `ledger_entries` (`order_id`,`account`);--> statement-breakpoint
CREATE TABLE `ledger_transactions` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`order_id` integer,
	`store_id` integer,
	`reference` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ledger_transactions_order_id_idx` ON `ledger_transactions` (`order_id`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_store_id_idx` ON `ledger_transactions` (`store_id`,`at`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`action` text NOT NULL,
	`actor` text NOT NULL,
	`actor_id` integer,
	`from_status` text,
	`to_status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `order_events_order_id_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`listing_id` integer,
	`unit_id` integer,
	`title` text NOT NULL,
	`unit_name` text DEFAULT '' NOT NULL,
	`unit_price` integer NOT NULL,
	`quantity` integer NOT NULL,
	`stocked` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`unit_id`) REFERENCES `listing_units`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "order_lines_quantity" CHECK("order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_price" CHECK("order_lines"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE INDEX `order_lines_order_id_idx` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_listing_id_idx` ON `order_lines` (`listing_id`);--> statement-breakpoint
CREATE INDEX `order_lines_unit_id_idx` ON `order_lines` (`unit_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`checkout_key` text NOT NULL,
	`buyer_id` integer NOT NULL,
	`store_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`fulfilment` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`payment_method` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal` integer NOT NULL,
	`delivery_fee` integer DEFAULT 0 NOT NULL,
	`discount` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`coupon_id` integer,
	`coupon_code` text DEFAULT '' NOT NULL,
	`discount_by_market` integer DEFAULT false NOT NULL,
	`commission_bps` integer DEFAULT 0 NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`placed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`delivered_at` integer,
	`paid_at` integer,
	`payment_reference` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`buyer_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "orders_kind" CHECK("orders"."kind" IN ('goods', 'service')),
	CONSTRAINT "orders_amounts" CHECK("orders"."subtotal" >= 0 AND "orders"."delivery_fee" >= 0 AND "orders"."discount" >= 0 AND "orders"."discount" <= "orders"."subtotal" AND "orders"."total" = "orders"."subtotal" + "orders"."delivery_fee" - "orders"."discount"),
	CONSTRAINT "orders_commission" CHECK("orders"."commission_bps" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_code_unique` ON `orders` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_checkout_idx` ON `orders` (`buyer_id`,`checkout_key`,`store_id`,`kind`);--> statement-breakpoint
CREATE INDEX `orders_buyer_id_idx` ON `orders` (`buyer_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_store_id_idx` ON `orders` (`store_id`,`status`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_status_delivered_at_idx` ON `orders` (`status`,`delivered_at`);--> statement-breakpoint
ALTER TABLE `site` ADD `commission_bps` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `site` ADD `auto_complete_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `site` ADD `payment_methods` text DEFAULT 'cash,mobile_money,bank_transfer' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `mobile_money` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `bank_details` text DEFAULT '' NOT NULL;