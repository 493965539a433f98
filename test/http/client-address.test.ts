import { describe, expect, it } from 'vitest';
import { clientAddressKey, clientNetworkKey, createClientKeys } from '../../src/http/index.js';

describe('clientAddressKey: what the per-address limits count', () => {
  it('an IPv6 address is its /64, however it is written', () => {
    for (const a of ['2001:db8:0:1::1', '2001:DB8:0:1:ffff:ffff:ffff:ffff', '[2001:db8:0:1::7]', '2001:0db8:0000:0001::9%eth0'])
      expect(clientAddressKey(a), a).toBe('2001:db8:0:1::/64');
    expect(clientAddressKey('2001:db8:0:2::1')).toBe('2001:db8:0:2::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('an IPv4 address is itself, IPv4-mapped or not', () => {
    for (const a of ['203.0.113.9', '::ffff:203.0.113.9', '::FFFF:cb00:7109', ' 203.0.113.9 '])
      expect(clientAddressKey(a), a).toBe('203.0.113.9');
  });

  it('anything else is counted as given; nothing is nothing', () => {
    expect(clientAddressKey('unknown')).toBe('unknown');
    expect(clientAddressKey('1:2:3:4:5:6:7:8:9')).toBe('1:2:3:4:5:6:7:8:9');
    expect(clientAddressKey('::ffff:1.2.3.999')).toBe('::ffff:1.2.3.999');
    expect(clientAddressKey(undefined)).toBeUndefined();
    expect(clientAddressKey('')).toBeUndefined();
  });
});

describe('createClientKeys: both keys of an address, parsed once', () => {
  const addresses = ['2001:db8:0:1::1', '::ffff:127.0.0.1', '203.0.113.9', 'unknown', '1:2:3:4:5:6:7:8:9'];

  it('says what clientAddressKey and clientNetworkKey say', () => {
    const keysOf = createClientKeys();
    for (const a of addresses) expect(keysOf(a), a).toEqual({ client: clientAddressKey(a), net: clientNetworkKey(a) });
    expect(keysOf(undefined)).toEqual({ client: undefined, net: undefined });
    expect(keysOf('')).toEqual({ client: undefined, net: undefined });
  });

  it('hands out the same frozen keys for an address asked again (no second parse), within its limit', () => {
    const keysOf = createClientKeys(2);
    const first = keysOf('::ffff:127.0.0.1');
    expect(Object.isFrozen(first)).toBe(true);
    expect(keysOf('::ffff:127.0.0.1')).toBe(first);
    keysOf('2001:db8:0:1::1');
    keysOf('2001:db8:0:2::1'); // the least recently used address is forgotten past the limit
    const again = keysOf('::ffff:127.0.0.1');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
