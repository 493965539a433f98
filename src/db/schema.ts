// One schema for both drivers (better-sqlite3 on Node, D1 on Workers).
// Times are integer milliseconds since the epoch; money is integer cents;
// JSON columns hold small structured values (answers, items, tool calls).
//
// Split by area; drizzle-kit reads this file (drizzle.config.ts), so every table is exported from here.
export * from './schema-store.js';
export * from './schema-after-sale.js';
export * from './schema-chat.js';
export * from './schema-ops.js';
