// Imports a store's data (Shopify CSV exports, or JSON Lines from any platform) into shop's
// tables and keeps it in sync from the store's webhooks. Parsing and mapping are runtime-neutral;
// reading files is the CLI's (src/cli/store-import.ts).
export { createCsvParser, type CsvRecord } from './csv.js';
export { StoreRecordSchema, type CustomerRecord, type OrderRecord, type ProductRecord, type StoreRecord } from './records.js';
export { createShopifyRowMapper, shopifyKind, type ShopifyCsvKind } from './shopify-csv.js';
export {
  createDbSink,
  createSqlSink,
  importStream,
  type ImportFormat,
  type ImportOptions,
  type ImportReport,
  type RecordSink,
} from './import.js';
export { recordStatements, renderStatement } from './write.js';
export {
  deliveryTime,
  enqueueWebhook,
  isShopifyTopic,
  pendingWebhooks,
  processWebhooks,
  signShopifyBody,
  verifyShopifyHmac,
  SHOPIFY_TOPICS,
  type WebhookDeps,
} from './webhooks.js';
