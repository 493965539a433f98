DROP INDEX `orders_customer_created`;--> statement-breakpoint
CREATE INDEX `orders_customer_created` ON `orders` (`customer_id`,`created_at`,`total_cents`,`status`);