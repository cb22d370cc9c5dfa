import { type AuditEvent, GENESIS_HASH, verifyChain } from './chain';
import type { AuditDamage } from './damage';
import type { AuditHead } from './head';

/** One complete line of the log, as main read it: an event and whether its keyed seal checks out. */
export type LineFact = { readable: true; event: AuditEvent; sealOk: boolean } | { readable: false };

/** The sealed head as main found it; without the key its seal cannot be checked, only what it claims. */
export type HeadFact =
  | { kind: 'missing' }
  | { kind: 'damaged' }
  | { kind: 'unverified'; claimedSeq: number }
  | { kind: 'sealed'; head: AuditHead };

export interface LogFacts {
  /** this computer's id for its chain; null when its file is missing or unreadable */
  deviceId: string | null;
  key: 'present' | 'absent' | 'unreadable';
  /** the log's complete lines in file order (a torn last line, a crash mid-write, is left out) */
  lines: readonly LineFact[];
  head: HeadFact;
}

export type Judgement =
  /** nothing was ever written: make the key, the device id and an empty head */
  | { ok: true; start: 'fresh' }
  /** the log matches its head; `advance`: it is exactly one sealed event ahead, a crash between line and head */
  | { ok: true; start: 'continue'; events: AuditEvent[]; advance: boolean }
  | { ok: false; problem: AuditDamage; seq?: number };

const damaged = (problem: AuditDamage, seq?: number): Judgement =>
  seq === undefined ? { ok: false, problem } : { ok: false, problem, seq };

/**
 * Decides at start-up whether the log may be extended. Pure: main gathers the facts (files read, seals
 * checked with the key) and acts on the answer. Order matters only for which problem is named first.
 */
export async function judgeLog(facts: LogFacts): Promise<Judgement> {
  if (facts.key === 'unreadable') return damaged('key-unreadable');
  if (facts.key === 'absent') {
    // The key is written last when a chain starts, so without it only an untouched start is fresh.
    const claimed = facts.head.kind === 'unverified' ? facts.head.claimedSeq : 0;
    const sealedClaim = facts.head.kind === 'sealed' ? facts.head.head.seq : 0;
    return facts.lines.length === 0 && claimed === 0 && sealedClaim === 0
      ? { ok: true, start: 'fresh' }
      : damaged('key-missing');
  }

  const events: AuditEvent[] = [];
  for (const line of facts.lines) {
    if (!line.readable) return damaged('unreadable-line', events.length + 1);
    events.push(line.event);
  }
  const broken = await verifyChain(events, null);
  if (broken) return damaged('chain-broken', broken.seq);
  const foreign = events.find((e) => e.deviceId !== facts.deviceId);
  if (foreign || facts.deviceId === null) return damaged('device-changed', foreign?.seq);
  const unsealed = facts.lines.find((l) => l.readable && !l.sealOk);
  if (unsealed?.readable) return damaged('not-sealed-here', unsealed.event.seq);

  if (facts.head.kind === 'missing') return damaged('record-missing');
  if (facts.head.kind !== 'sealed') return damaged('record-damaged');
  const { head } = facts.head;
  if (head.deviceId !== facts.deviceId) return damaged('device-changed');

  const hashAt = (seq: number) => (seq === 0 ? GENESIS_HASH : events[seq - 1]?.hash);
  if (events.length < head.seq) return damaged('events-missing', events.length + 1);
  if (events.length > head.seq + 1) return damaged('events-added', head.seq + 2);
  if (hashAt(head.seq) !== head.hash) return damaged('different-events', head.seq);
  return { ok: true, start: 'continue', events, advance: events.length === head.seq + 1 };
}
