// The real app in-process: a migrated SQLite file with the demo store, the shipped personas
// and segment rules, the offline model. Requests go through `app.request(...)`.
import { createLogger } from '../../src/core/index.js';
import { createApp, type AppConfig } from '../../src/http/index.js';
import { signIdentityToken } from '../../src/http/identity.js';
import type { tempDb } from '../support/db.js';
import { demoTailor } from '../support/tailor.js';
import { DEFAULT_DEMO_SHOPPERS } from '../../src/config.js';

export const SECRET = 'test-identity-secret-0123456789';
export const ADMIN = 'admin-token-for-tests';

export interface Fixture {
  app: ReturnType<typeof createApp>;
  db: ReturnType<typeof tempDb>;
  logs: string[];
  token(customerId: string, ttlSeconds?: number): Promise<string>;
  dispose(): void;
}

export async function buildApp(overrides: Partial<AppConfig> = {}, opts: { clientIp?: string } = {}): Promise<Fixture> {
  const logs: string[] = [];
  const logger = createLogger('debug', (l) => logs.push(l));
  const { db, tailor } = await demoTailor({ logger });
  const config: AppConfig = {
    identitySecret: SECRET,
    adminToken: ADMIN,
    demo: true,
    demoShoppers: [...DEFAULT_DEMO_SHOPPERS],
    allowedOrigins: ['https://shop.example'],
    rate: { sessionPerMin: 0, ipPerMin: 0 },
    ...overrides,
  };
  const app = createApp({
    config,
    chat: tailor.chat,
    db: db.db,
    now: tailor.now,
    ids: tailor.ids,
    modelName: 'offline',
    personas: tailor.personas,
    logger,
    clientIp: opts.clientIp ? () => opts.clientIp : undefined,
  });
  return {
    app,
    db,
    logs,
    token: async (customerId, ttl = 3600) => (await signIdentityToken(customerId, SECRET, Date.now(), ttl)).token,
    dispose() {
      tailor.personas.close();
      void db.dispose();
    },
  };
}

export { parseSse, post } from './requests.js';
