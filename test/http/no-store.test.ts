import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { noStore } from '../../src/http/index.js';

// What noStore does to a reply: no cache may keep it, unless the route chose its own caching; and
// the reply goes out as the route made it (a JSON body stays a string for Node's server to write at
// once), not copied into a new response around its body as a stream.
function app() {
  const made: { res?: Response } = {};
  const a = new Hono();
  a.use('*', noStore);
  a.get('/json', (c) => (made.res = c.json({ reply: 'hi' })));
  a.get('/own', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return (made.res = c.text('mine'));
  });
  a.get('/sse', (c) => streamSSE(c, (s) => s.writeSSE({ data: 'x' })));
  return { a, made };
}

describe('noStore', () => {
  it('marks a JSON reply no-store and sends the very response the route made', async () => {
    const { a, made } = app();
    const res = await a.request('/json');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res).toBe(made.res);
    expect(await res.json()).toEqual({ reply: 'hi' });
  });

  it("keeps a route's own caching, an event stream's too", async () => {
    const { a } = app();
    expect((await a.request('/own')).headers.get('Cache-Control')).toBe('public, max-age=60');
    const sse = await a.request('/sse');
    expect(sse.headers.get('Cache-Control')).toBe('no-cache');
    expect(await sse.text()).toContain('data: x');
  });
});
