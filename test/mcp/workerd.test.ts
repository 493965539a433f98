// The MCP server under workerd: `wrangler dev` with a local D1 (migrated and seeded the documented
// way) and the SDK's own client — the same stateless transport serves on Workers, the session
// lives in D1, and a proposal is confirmed in a later request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { d1Query, startSeededWorkerd, type SeededWorkerd, type WranglerDev } from '../support/wrangler.js';

describe('the MCP server on workerd with a local D1', () => {
  let workerd: SeededWorkerd | null = null;
  let dev: WranglerDev | null = null;
  let persist: string;

  beforeAll(async () => {
    workerd = await startSeededWorkerd('tailor-mcp-workerd-');
    dev = workerd.dev;
    persist = workerd.persist;
  }, 360_000);

  afterAll(async () => {
    await workerd?.stop();
  }, 30_000);

  async function connect(headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client({ name: 'workerd-test-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${dev!.url}/mcp`), { requestInit: { headers } }));
    return client;
  }
  const body = (r: Awaited<ReturnType<Client['callTool']>>) => r.structuredContent as Record<string, any>;

  it('serves anonymous search and a signed-in shopper’s two-phase return, stored in D1', async () => {
    const anon = await connect();
    const found = await anon.callTool({ name: 'search_products', arguments: { query: 'jumper' } });
    expect(found.isError).toBeFalsy();
    expect(body(found).matches.length).toBeGreaterThan(0);

    const tokenRes = await fetch(`${dev!.url}/api/demo/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'marcus@example.com' }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const marcus = await connect({ Authorization: `Bearer ${token}` });
    const asked = await marcus.callTool({ name: 'create_return_label', arguments: { orderNumber: '28473' } });
    expect(body(asked)).toMatchObject({ needsConfirmation: true });
    const done = await marcus.callTool({ name: 'confirm_proposal', arguments: { proposalId: body(asked).proposal.proposalId } });
    expect(done.isError, JSON.stringify(body(done))).toBeFalsy();
    expect(body(done)).toMatchObject({ created: true, label: { orderNumber: '28473' } });

    const rows = await d1Query(
      persist,
      "select e.type from events e join conversations c on c.id = e.conversation_id where c.persona_id = 'mcp' and e.type = 'return_label_created'",
    );
    expect(rows).toHaveLength(1);
    await anon.close();
    await marcus.close();
  }, 60_000);
});
