CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`items` text NOT NULL,
	`note` text NOT NULL,
	`resolution` text NOT NULL,
	`status` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`conversation_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_order` ON `claims` (`order_id`);--> statement-breakpoint
CREATE INDEX `claims_customer_created` ON `claims` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`expected_at` integer NOT NULL,
	`conversation_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_source` ON `refunds` (`kind`,`source_id`);--> statement-breakpoint
CREATE INDEX `refunds_customer_created` ON `refunds` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `refunds_order` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE TABLE `replacements` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`items` text NOT NULL,
	`status` text DEFAULT 'processing' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replacements_source` ON `replacements` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `replacements_order` ON `replacements` (`order_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `ship_to` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancel_reason` text;