CREATE TABLE `auth_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL,
	`locks` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `blocked_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `client_key` text;--> statement-breakpoint
CREATE INDEX `tickets_session_created` ON `tickets` (`session_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_customer_created` ON `tickets` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_client_created` ON `tickets` (`client_key`,`created_at`);