// The shopper's own data: their conversation transcript and feedback on a reply. Ownership is
// the chat service's rule; "not yours" and "does not exist" give the same 404.
import type { Hono } from 'hono';
import { feedback, type Clock, type Db, type IdGen } from '../../db/index.js';
import { notFound } from '../../core/index.js';
import type { ChatService } from '../../chat/index.js';
import type { AppEnv } from '../env.js';
import { FeedbackRequestSchema } from '../schemas.js';
import { readJson } from '../validation.js';

export interface ShopperRouteDeps {
  chat: ChatService;
  db: Db;
  now: Clock;
  ids: IdGen;
}

export function registerShopperRoutes(app: Hono<AppEnv>, deps: ShopperRouteDeps): void {
  app.get('/api/conversations/:id', async (c) => {
    const id = c.req.param('id');
    const transcript = id.length <= 128 ? await deps.chat.transcript(id, c.get('shopper')) : null;
    if (!transcript) throw notFound('Conversation not found');
    return c.json(transcript);
  });

  app.post('/api/feedback', async (c) => {
    const body = await readJson(c, FeedbackRequestSchema);
    const transcript = await deps.chat.transcript(body.conversationId, c.get('shopper'));
    if (!transcript) throw notFound('Conversation not found');
    if (!transcript.messages.some((m) => m.id === body.messageId && m.role === 'assistant')) throw notFound('Message not found');
    const row = {
      id: deps.ids('fb'),
      conversationId: body.conversationId,
      messageId: body.messageId,
      rating: body.rating,
      comment: body.comment ?? null,
      createdAt: deps.now(),
    };
    // A shopper may change their mind: the latest rating of a reply counts.
    await deps.db
      .insert(feedback)
      .values(row)
      .onConflictDoUpdate({ target: feedback.messageId, set: { rating: row.rating, comment: row.comment, createdAt: row.createdAt } });
    return c.json({ ok: true, conversationId: body.conversationId, messageId: body.messageId, rating: body.rating === 1 ? 'up' : 'down' });
  });
}
