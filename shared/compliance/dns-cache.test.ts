import { describe, expect, it } from 'vitest';
import { createDnsCache } from './dns-cache';
import type { MxAnswer } from './recipient';
import type { DnsMx, DnsTxt } from './sender-auth';

function fakeDns(mx: Record<string, MxAnswer>) {
  const calls: string[] = [];
  let txtFails = false;
  const adapter: DnsTxt & DnsMx = {
    async mx(domain) {
      calls.push(`mx:${domain}`);
      return mx[domain] ?? { kind: 'nxdomain' };
    },
    async txt(name) {
      calls.push(`txt:${name}`);
      if (txtFails) throw new Error('ETIMEOUT');
      return [['v=spf1 -all']];
    },
  };
  return { adapter, calls, failTxt: (v: boolean) => (txtFails = v) };
}

describe('createDnsCache', () => {
  const found: MxAnswer = { kind: 'found', hosts: ['mx.acme.com'] };

  it.each<[string, MxAnswer, number, number]>([
    ['a found MX is served from the cache within the TTL', found, 59_999, 1],
    ['and asked again after it', found, 60_000, 2],
    ['an NXDOMAIN is cached too', { kind: 'nxdomain' }, 30_000, 1],
    ['a DNS error is never cached', { kind: 'error' }, 1, 2],
  ])('%s', async (_, answer, later, expectedCalls) => {
    let t = 0;
    const { adapter, calls } = fakeDns({ 'acme.com': answer });
    const cache = createDnsCache(adapter, { ttlMs: 60_000, now: () => t });
    expect(await cache.mx('acme.com')).toEqual(answer);
    t = later;
    expect(await cache.mx('ACME.com')).toEqual(answer);
    expect(calls).toHaveLength(expectedCalls);
  });

  it('answers peekMx synchronously only once a fresh answer is in', async () => {
    let t = 0;
    const { adapter } = fakeDns({ 'acme.com': found });
    const cache = createDnsCache(adapter, { ttlMs: 1000, now: () => t });
    expect(cache.peekMx('acme.com')).toBeUndefined();
    const pending = cache.mx('acme.com');
    expect(cache.peekMx('acme.com')).toBeUndefined();
    await pending;
    expect(cache.peekMx('acme.com')).toEqual(found);
    t = 1000;
    expect(cache.peekMx('acme.com')).toBeUndefined();
  });

  it('shares one query among concurrent lookups and forgets failed TXT lookups', async () => {
    const { adapter, calls, failTxt } = fakeDns({});
    const cache = createDnsCache(adapter, { ttlMs: 1000, now: () => 0 });
    await Promise.all([cache.txt('acme.com'), cache.txt('acme.com'), cache.txt('acme.com')]);
    expect(calls).toEqual(['txt:acme.com']);
    failTxt(true);
    await expect(cache.txt('other.com')).rejects.toThrow('ETIMEOUT');
    failTxt(false);
    expect(await cache.txt('other.com')).toEqual([['v=spf1 -all']]);
    expect(calls).toEqual(['txt:acme.com', 'txt:other.com', 'txt:other.com']);
  });

  it('evicts the oldest entry beyond maxEntries', async () => {
    const { adapter, calls } = fakeDns({});
    const cache = createDnsCache(adapter, { ttlMs: 1000, now: () => 0, maxEntries: 2 });
    for (const d of ['a.com', 'b.com', 'c.com', 'a.com']) await cache.mx(d);
    expect(calls).toEqual(['mx:a.com', 'mx:b.com', 'mx:c.com', 'mx:a.com']);
  });
});
