import { defineConfig } from 'drizzle-kit';

// The same folder serves drizzle's Node migrator and `wrangler d1 migrations apply`.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
});
