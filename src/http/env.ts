// The Hono environment every route and middleware shares.
import type { Shopper } from '../core/index.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    shopper: Shopper;
  };
}
