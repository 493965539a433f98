// The demo store: a deterministic generator, a driver-neutral writer and a SQL renderer.
export { seedDemoStore, type SeedOptions, type SeedSummary } from './write.js';
export { seedSql } from './sql.js';
export { generateDemoStore, type DemoStore } from './generate.js';
export { DEMO_SHOPPERS, MARCUS_SHIPPED_ORDER, PROCESSING_ORDERS } from './demo-shoppers.js';
export { CATEGORIES, type Category } from './catalog-data.js';
