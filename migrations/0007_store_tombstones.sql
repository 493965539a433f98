CREATE TABLE `store_tombstones` (
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`deleted_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `external_id`)
);
--> statement-breakpoint
ALTER TABLE `tickets` ADD `network_key` text;--> statement-breakpoint
CREATE INDEX `tickets_network_created` ON `tickets` (`network_key`,`created_at`);--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `triggered_at` integer;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `digest` text;--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_digest` ON `webhook_events` (`source`,`digest`);