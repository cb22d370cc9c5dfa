import { describe, expect, it } from 'vitest';
import { type AuditEvent, appendEvent, GENESIS_HASH } from './chain';
import { headAfter } from './head';
import { type HeadFact, judgeLog, type LineFact, type LogFacts } from './judge';

async function chain(n: number, deviceId = 'dev-1'): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++)
    events.push(
      await appendEvent(events.at(-1) ?? null, { deviceId, type: 'send.sent', at: i, data: { i } }),
    );
  return events;
}

const sealed = (events: AuditEvent[]): LineFact[] =>
  events.map((event) => ({ readable: true, event, sealOk: true }));
const headAt = (events: AuditEvent[], seq: number): HeadFact => ({
  kind: 'sealed',
  head: headAfter('dev-1', events.slice(0, seq)),
});
const facts = (over: Partial<LogFacts>): LogFacts => ({
  deviceId: 'dev-1',
  key: 'present',
  lines: [],
  head: { kind: 'sealed', head: { deviceId: 'dev-1', seq: 0, hash: GENESIS_HASH } },
  ...over,
});

describe('judging a log against its sealed head', () => {
  it('continues a log that matches its head, and one exactly one sealed event ahead', async () => {
    const events = await chain(3);
    expect(await judgeLog(facts({ lines: sealed(events), head: headAt(events, 3) }))).toMatchObject({
      ok: true,
      start: 'continue',
      advance: false,
    });
    expect(await judgeLog(facts({ lines: sealed(events), head: headAt(events, 2) }))).toMatchObject({
      ok: true,
      advance: true,
    });
    expect(await judgeLog(facts({}))).toMatchObject({ ok: true, start: 'continue', events: [] });
  });

  it('is fresh only with no key, no events and a head that claims none', async () => {
    const none = { key: 'absent' as const, head: { kind: 'missing' as const } };
    expect(await judgeLog(facts(none))).toEqual({ ok: true, start: 'fresh' });
    expect(await judgeLog(facts({ ...none, head: { kind: 'unverified', claimedSeq: 0 } }))).toEqual({
      ok: true,
      start: 'fresh',
    });
    expect(await judgeLog(facts({ ...none, head: { kind: 'unverified', claimedSeq: 4 } }))).toMatchObject({
      problem: 'key-missing',
    });
    expect(await judgeLog(facts({ ...none, lines: sealed(await chain(1)) }))).toMatchObject({
      problem: 'key-missing',
    });
  });

  it('names what is wrong', async () => {
    const events = await chain(4);
    const fork = await chain(4);
    fork[3] = await appendEvent(fork[2] ?? null, {
      deviceId: 'dev-1',
      type: 'send.blocked',
      at: 9,
      data: {},
    });
    const cases: [Partial<LogFacts>, string][] = [
      [{ key: 'unreadable' }, 'key-unreadable'],
      [{ lines: [...sealed(events), { readable: false }] }, 'unreadable-line'],
      [{ lines: sealed([events[0]!, events[2]!]) }, 'chain-broken'],
      [{ lines: sealed(events), deviceId: 'dev-2' }, 'device-changed'],
      [{ lines: sealed(events), deviceId: null }, 'device-changed'],
      [{ lines: sealed(events).map((l, i) => (i === 2 ? { ...l, sealOk: false } : l)) }, 'not-sealed-here'],
      [{ lines: sealed(events), head: { kind: 'missing' } }, 'record-missing'],
      [{ lines: sealed(events), head: { kind: 'damaged' } }, 'record-damaged'],
      [{ lines: sealed(events.slice(0, 2)), head: headAt(events, 4) }, 'events-missing'],
      [{ lines: sealed(events), head: headAt(events, 2) }, 'events-added'],
      [{ lines: sealed(fork), head: headAt(events, 4) }, 'different-events'],
    ];
    for (const [over, problem] of cases)
      expect(await judgeLog(facts(over))).toMatchObject({ ok: false, problem });
  });
});
