// The admin check after moving to hono/bearer-auth: same statuses and error shape as before,
// the lock still checked before any compare, and a token bearer-auth could never accept refused at startup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ADMIN, buildApp, type Fixture } from './fixture.js';

describe('admin bearer check', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildApp({}, { clientIp: '198.51.100.7' });
  });
  afterAll(() => f.dispose());

  const ask = (authorization?: string) =>
    f.app.request('/api/admin/metrics', { headers: authorization ? { Authorization: authorization } : {} });

  it('the right token passes, whatever the case of the scheme', async () => {
    expect((await ask(`Bearer ${ADMIN}`)).status).toBe(200);
    expect((await ask(`bearer ${ADMIN}`)).status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${btoa('admin:pw')}`],
    ['characters no bearer token has', 'Bearer not!a token'],
    ['a wrong token', 'Bearer admin-token-for-testz'],
  ])('%s: 401 in the API error shape, never a bare text body', async (_name, header) => {
    const res = await ask(header);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Admin token required' } });
  });

  it('a token bearer-auth could not match is refused at startup, naming the variable', () => {
    expect(() => loadConfig({ TAILOR_ADMIN_TOKEN: 'secret token!' })).toThrow(
      /^Invalid environment variable TAILOR_ADMIN_TOKEN: may hold only letters, digits/,
    );
    expect(loadConfig({ TAILOR_ADMIN_TOKEN: 'aB3.-_~+/xyz==' }).adminToken).toBe('aB3.-_~+/xyz==');
  });
});
