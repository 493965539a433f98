// The client as the per-address limits count it (chat messages, tickets, verification, admin and
// demo tokens). An IPv4 address is one client; an IPv6 client is its /64, since one home line or
// VM is handed a whole /64 and may use any of its 2^64 addresses — counted one by one, a client
// rotating through them would get a fresh budget with every request. An IPv4 address written
// IPv4-mapped (::ffff:a.b.c.d, as a dual-stack socket reports it) is that IPv4 address.
// One site is handed a whole /48 (65,536 /64s): every limit counts the client's /48 too, as a few clients at most
// (`NETWORK_SHARE`, shop/auth-guard.ts), so a site holder cannot multiply a client's budget by rotating /64s. IPv4 has
// no wider stage: one address is often a whole office or carrier NAT, which already shares one client's budget.
import { createMemo } from '../core/index.js';
import { digest, networkRule, type GuardKey, type GuardRule } from '../shop/index.js';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The key an address is counted under: "a.b.c.d", "2001:db8:0:1::/64"; anything unparsable as given (lower-cased). */
export function clientAddressKey(address: string | undefined | null): string | undefined {
  if (!address) return undefined;
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  if (IPV4.test(a)) return a;
  const groups = ipv6Groups(a.replace(/%.*$/, ''));
  if (!groups) return a || undefined;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The wider stage an address is also counted under: an IPv6 client's /48 ("2001:db8:0::/48"); none for IPv4. */
export function clientNetworkKey(address: string | undefined | null): string | undefined {
  return networkOf(clientAddressKey(address));
}

/** The /48 of a client key that is an IPv6 /64; none for anything else. */
function networkOf(client: string | undefined): string | undefined {
  if (!client?.endsWith('::/64')) return undefined;
  return `${client.split(':').slice(0, 3).join(':')}::/48`;
}

/** A client's address key and network key (clientAddressKey, clientNetworkKey). */
export interface ClientKeys {
  readonly client: string | undefined;
  readonly net: string | undefined;
}

const NO_KEYS: ClientKeys = Object.freeze({ client: undefined, net: undefined });

/**
 * Both keys of an address, each address parsed once: a request asks for them several times (the
 * message limits, the chat route) and the same few addresses send most requests (a dual-stack
 * socket reports even IPv4 clients as `::ffff:a.b.c.d`, a full IPv6 parse). The same frozen
 * object is handed out for the same address while it is among the `limit` most recent ones.
 */
export function createClientKeys(limit = 10_000): (address: string | undefined | null) => ClientKeys {
  const kept = createMemo<string, ClientKeys>(limit);
  const parse = (a: string): ClientKeys => {
    const client = clientAddressKey(a);
    return Object.freeze({ client, net: networkOf(client) });
  };
  return (address) => (address ? kept.get(address, parse) : NO_KEYS);
}

/** What the database and the tools count a client under: digests of its address key and of its /48 (IPv6 only). */
export async function clientDigests(
  address: string | undefined,
  network: string | undefined,
): Promise<{ clientKey: string | null; networkKey: string | null }> {
  return {
    clientKey: address ? await digest(`client:${address}`) : null,
    networkKey: network ? await digest(`network:${network}`) : null,
  };
}

/**
 * A secret check's keys for one client (`<scope>:client:<digest>`, unknown addresses sharing one) under `rule`, and for
 * its /48 under the same rule as a few clients' (`<scope>:net:<digest>`).
 */
export async function clientGuardKeys(
  scope: string,
  rule: GuardRule,
  address: string | undefined,
  network: string | undefined,
): Promise<GuardKey[]> {
  const { networkKey } = await clientDigests(address, network);
  const own = { key: `${scope}:client:${await digest(`client:${address ?? 'unknown'}`)}`, rule };
  return networkKey ? [own, { key: `${scope}:net:${networkKey}`, rule: networkRule(rule) }] : [own];
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a dotted IPv4 tail), or null. */
function ipv6Groups(a: string): number[] | null {
  if (!a.includes(':')) return null;
  let text = a;
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const b = tail.slice(1).map(Number);
    if (b.some((x) => x > 255)) return null;
    text = `${text.slice(0, tail.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}
