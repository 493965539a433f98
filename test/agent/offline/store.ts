// The offline model inside the real thing: the demo store in a SQLite file, the shipped persona
// files and segment rules, the real tool registry, the chat service and its agent loop.
import type { Tailor } from '../../../src/http/compose.js';
import type { ChatResponse } from '../../../src/chat/types.js';
import type { Shopper } from '../../../src/core/index.js';
import type { tempDb } from '../../support/db.js';
import { demoTailor } from '../../support/tailor.js';

export interface Store {
  db: ReturnType<typeof tempDb>;
  tailor: Tailor;
  dispose(): void;
}

export async function openStore(): Promise<Store> {
  const { db, tailor } = await demoTailor();
  return {
    db,
    tailor,
    dispose() {
      tailor.personas.close();
      void db.dispose();
    },
  };
}

let sessions = 0;

export function signedIn(customerId: string): Shopper {
  return { sessionId: `s_offline_${++sessions}`, customerId, verified: true, via: 'token' };
}

export function anonymous(): Shopper {
  return { sessionId: `s_offline_anon_${++sessions}`, customerId: null, verified: false, via: 'anonymous' };
}

/** A shopper's conversation through the chat service, one message at a time. */
export class Chat {
  private conversationId: string | undefined;

  constructor(
    private readonly store: Store,
    readonly shopper: Shopper,
  ) {}

  /** `page`: the address of the page the widget is on (sent with the message, as the widget does). */
  async say(message: string, page?: string): Promise<ChatResponse> {
    let done: ChatResponse | null = null;
    for await (const ev of this.store.tailor.chat.turn({
      shopper: this.shopper,
      message,
      conversationId: this.conversationId,
      page: page ? { url: page } : undefined,
    })) {
      if (ev.type === 'error') throw new Error(`turn failed: ${ev.code} ${ev.message}`);
      if (ev.type === 'done') done = ev.response;
    }
    if (!done) throw new Error('turn ended without a response');
    this.conversationId = done.conversationId;
    return done;
  }
}

export const toolNames = (r: ChatResponse) => r.toolCalls.map((t) => t.name);

/** A turn's response, and the call of one tool in it. */
export type Said = ChatResponse;
export const callOf = (r: Said, name: string) => r.toolCalls.find((t) => t.name === name);
/** The calls of a turn that carried out a proposal (confirm: true). */
export const confirmed = (r: Said) => r.toolCalls.filter((t) => t.args.confirm === true);

/** A fresh store for flows that write (a label made, a swap made), so the shared one keeps its orders. */
export async function withOwnStore(run: (own: Store) => Promise<void>): Promise<void> {
  const own = await openStore();
  try {
    await run(own);
  } finally {
    own.dispose();
  }
}
