DROP INDEX `return_labels_order_id_unique`;--> statement-breakpoint
CREATE INDEX `return_labels_order` ON `return_labels` (`order_id`,`created_at`);