// Review round K: a failed query's bound values stay out of the log whatever the shopper's words look like.
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { drizzle as proxyDrizzle } from 'drizzle-orm/sqlite-proxy';
import { messages } from '../../src/db/index.js';
import { createLogger } from '../../src/core/index.js';
import { createErrorHandler } from '../../src/http/errors.js';

/** The logs of one failed insert of a shopper's message, as D1 reports it (drizzle names the bound values). */
async function logsOfFailedInsert(content: string): Promise<string> {
  const db = proxyDrizzle(async () => {
    throw new Error('D1_ERROR: disk I/O error');
  });
  const logs: string[] = [];
  const app = new Hono();
  app.onError(createErrorHandler(createLogger('debug', (l) => logs.push(l))));
  app.post('/store', async (c) => {
    await db
      .insert(messages)
      .values({ id: 'msg_1', conversationId: 'conv_1', turn: 1, role: 'user', content, createdAt: 1 } as typeof messages.$inferInsert);
    return c.text('stored');
  });
  expect((await app.request('/store', { method: 'POST' })).status).toBe(500);
  return logs.join('\n');
}

describe('a failed query is logged without the shopper’s words', () => {
  it.each([
    ['a line starting "at" after a blank line', 'Hi,\n\nat the moment my card is zqx-4111\nthanks'],
    ['an indented line starting "at"', 'hello\n  at home, my code is zqx-9921'],
    ['words that look like a stack frame', 'note\n    at my place zqx-77'],
  ])('%s', async (_, content) => {
    const logged = await logsOfFailedInsert(content);
    expect(logged).toContain('Failed query');
    expect(logged).toContain('[withheld]');
    expect(logged).not.toContain('zqx');
  });

  it('the stack frames after the values are kept', async () => {
    const logged = await logsOfFailedInsert('plain words zqx');
    expect(logged).not.toContain('zqx');
    expect(JSON.parse(logged.split('\n')[0]!).stack).toMatch(/\n {4}at .+:\d+:\d+/);
  });
});
