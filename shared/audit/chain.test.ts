import { describe, expect, it } from 'vitest';
import { type AuditEvent, appendEvent, canonicalJson, GENESIS_HASH, verifyChain } from './chain';

async function chain(n: number, deviceId = 'dev-1'): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    events.push(
      await appendEvent(events.at(-1) ?? null, {
        deviceId,
        type: i % 2 ? 'send.blocked' : 'send.sent',
        at: 1_700_000_000_000 + i,
        data: { mailboxId: 'mb1', reasons: ['suppressed-address'], n: i },
      }),
    );
  }
  return events;
}

describe('audit hash chain', () => {
  it('chains each event to the one before it', async () => {
    const events = await chain(3);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[2]?.id).toBe('dev-1:000000000003');
    expect(await verifyChain(events, null)).toBeNull();
  });

  it('detects an altered, dropped, reordered or foreign event', async () => {
    const events = await chain(4);
    const altered = events.map((e) => (e.seq === 2 ? { ...e, data: { ...e.data, reasons: [] } } : e));
    expect(await verifyChain(altered, null)).toEqual({ seq: 2, problem: 'hash' });
    expect(await verifyChain([events[0]!, events[2]!], null)).toEqual({ seq: 3, problem: 'gap' });
    expect(await verifyChain([events[1]!, events[0]!], null)).toEqual({ seq: 2, problem: 'gap' });
    const other = await chain(2, 'dev-2');
    expect(await verifyChain([events[0]!, other[1]!], null)).toEqual({ seq: 2, problem: 'device' });
  });

  it('continues from an accepted anchor and rejects a forked continuation', async () => {
    const events = await chain(4);
    expect(await verifyChain(events.slice(2), events[1]!)).toBeNull();
    const fork = await appendEvent(events[0]!, { deviceId: 'dev-1', type: 'x', at: 1, data: {} });
    expect(await verifyChain([{ ...fork, seq: 3 }], events[1]!)).toEqual({ seq: 3, problem: 'prev-hash' });
  });

  it('hashes the same data the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});
