// The Hono environment every route and middleware shares.
import type { Shopper } from '../core/index.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    shopper: Shopper;
    /** The reply's headers gathered before the route runs (reply-headers.ts). */
    replyHeaders: Record<string, string>;
  };
}
