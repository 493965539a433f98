ALTER TABLE `customers` ADD `external_updated_at` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `external_updated_at` integer;