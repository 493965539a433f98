// /api/admin review routes (behind the admin token, see admin.ts): the conversation list with
// filters, one conversation's whole record, and the A/B figures with confidence intervals.
// Validation here; the queries are the review module's, loaded on the first admin request rather
// than at startup (a server answering chats only never runs them; what it loads stays on its heap).
import type { Hono } from 'hono';
import { notFound } from '../../core/index.js';
import type { Clock, Db } from '../../db/index.js';
import type { AppEnv } from '../env.js';
import { readQuery } from '../validation.js';

export interface ReviewRouteDeps {
  db: Db;
  now: Clock;
}

const review = () => import('../../review/index.js');

export function registerReviewRoutes(app: Hono<AppEnv>, deps: ReviewRouteDeps): void {
  app.get('/api/admin/conversations', async (c) => {
    const { listConversations, ConversationListQuerySchema } = await review();
    return c.json(await listConversations(deps.db, readQuery(c, ConversationListQuerySchema)));
  });

  app.get('/api/admin/conversations/:id', async (c) => {
    const id = c.req.param('id');
    const { readReviewTranscript } = await review();
    const transcript = id.length <= 128 ? await readReviewTranscript(deps.db, id) : null;
    if (!transcript) throw notFound('Conversation not found');
    return c.json(transcript);
  });

  app.get('/api/admin/experiments', async (c) => {
    const { AbQuerySchema, abMetrics, rangeOf } = await review();
    const q = readQuery(c, AbQuerySchema);
    return c.json(await abMetrics(deps.db, { range: rangeOf(q, deps.now()), control: q.control, persona: q.persona }));
  });
}
