CREATE TABLE `verified_orders` (
	`conversation_id` text NOT NULL,
	`order_id` text NOT NULL,
	`verified_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `order_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
