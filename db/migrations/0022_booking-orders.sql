PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_orders` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`checkout_key` text NOT NULL,
	`buyer_id` integer NOT NULL,
	`store_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`fulfilment` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
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
	`completed_at` integer,
	`paid_at` integer,
	`payment_reference` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`buyer_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "orders_kind" CHECK("__new_orders"."kind" IN ('goods', 'service', 'booking')),
	CONSTRAINT "orders_amounts" CHECK("__new_orders"."subtotal" >= 0 AND "__new_orders"."delivery_fee" >= 0 AND "__new_orders"."discount" >= 0 AND "__new_orders"."discount" <= "__new_orders"."subtotal" AND "__new_orders"."total" = "__new_orders"."subtotal" + "__new_orders"."delivery_fee" - "__new_orders"."discount"),
	CONSTRAINT "orders_commission" CHECK("__new_orders"."commission_bps" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
INSERT INTO `__new_orders`("id", "code", "checkout_key", "buyer_id", "store_id", "kind", "status", "fulfilment", "address", "contact_phone", "note", "payment_method", "currency", "subtotal", "delivery_fee", "discount", "total", "coupon_id", "coupon_code", "discount_by_market", "commission_bps", "reason", "placed_at", "updated_at", "delivered_at", "completed_at", "paid_at", "payment_reference") SELECT "id", "code", "checkout_key", "buyer_id", "store_id", "kind", "status", "fulfilment", "address", "contact_phone", "note", "payment_method", "currency", "subtotal", "delivery_fee", "discount", "total", "coupon_id", "coupon_code", "discount_by_market", "commission_bps", "reason", "placed_at", "updated_at", "delivered_at", "completed_at", "paid_at", "payment_reference" FROM `orders`;--> statement-breakpoint
DROP TABLE `orders`;--> statement-breakpoint
ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_code_unique` ON `orders` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_checkout_idx` ON `orders` (`buyer_id`,`checkout_key`,`store_id`,`kind`);--> statement-breakpoint
CREATE INDEX `orders_buyer_id_idx` ON `orders` (`buyer_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_store_id_idx` ON `orders` (`store_id`,`status`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_status_delivered_at_idx` ON `orders` (`status`,`delivered_at`);--> statement-breakpoint
-- bookings has held no row yet (nothing wrote to it before this release), so it is made again
-- with the column rather than altered: SQLite cannot add a NOT NULL column without a default.
DROP TABLE `bookings`;--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`listing_id` integer,
	`store_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`buffer_minutes` integer DEFAULT 0 NOT NULL,
	`seats` integer DEFAULT 1 NOT NULL,
	`holding` integer DEFAULT true NOT NULL,
	`cancellable_until` integer NOT NULL,
	`expires_at` integer,
	`proposed_starts_at` integer,
	`proposed_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bookings_time" CHECK("bookings"."ends_at" > "bookings"."starts_at" AND "bookings"."seats" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_order_id_unique` ON `bookings` (`order_id`);--> statement-breakpoint
CREATE INDEX `bookings_store_idx` ON `bookings` (`store_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_listing_idx` ON `bookings` (`listing_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_expires_idx` ON `bookings` (`expires_at`);
