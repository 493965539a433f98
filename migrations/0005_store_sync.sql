CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`topic` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `webhook_events_pending` ON `webhook_events` (`processed_at`,`received_at`);--> statement-breakpoint
ALTER TABLE `customers` ADD `tags` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `accepts_marketing` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `financial_status` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `external_updated_at` integer;--> statement-breakpoint
CREATE INDEX `orders_external` ON `orders` (`external_id`);--> statement-breakpoint
ALTER TABLE `products` ADD `image_url` text;--> statement-breakpoint
ALTER TABLE `products` ADD `url` text;--> statement-breakpoint
ALTER TABLE `products` ADD `vendor` text;--> statement-breakpoint
ALTER TABLE `products` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `products` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
CREATE INDEX `products_external` ON `products` (`external_id`);--> statement-breakpoint
ALTER TABLE `variants` ADD `external_id` text;--> statement-breakpoint
CREATE INDEX `variants_external` ON `variants` (`external_id`);