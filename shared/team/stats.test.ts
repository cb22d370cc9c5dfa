import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES } from '../audit/event-types';
import { blockingReasons, countsOf, type StatsEvent, statsRange, utcDay } from './stats';

const AT = Date.parse('2026-03-04T23:59:59.999Z');
const ev = (type: string, data: Record<string, unknown> = {}, deviceId = 'chain-1', at = AT): StatsEvent => ({
  deviceId,
  type,
  at,
  data,
});
const metrics = (e: StatsEvent) => countsOf(e).map((c) => (c.reason ? `${c.metric}:${c.reason}` : c.metric));

describe('countsOf: audit event types to metrics', () => {
  it('maps sends and inbox outcomes one to one, on the UTC day of the event', () => {
    expect(countsOf(ev('send.sent', { mailboxId: 'mb1', key: 'k' }))).toEqual([
      { day: '2026-03-04', metric: 'sent', reason: '', sequenceId: '' },
    ]);
    expect(metrics(ev('inbox.bounce'))).toEqual(['bounced']);
    expect(metrics(ev('inbox.reply'))).toEqual(['replied']);
    expect(metrics(ev('inbox.optout'))).toEqual(['opted_out']);
    expect(metrics(ev('inbox.complaint'))).toEqual(['complained']);
    // a millisecond later is the next UTC day
    expect(countsOf(ev('send.sent', {}, 'c', AT + 1))[0]?.day).toBe('2026-03-05');
  });

  it('counts a blocked send once, and once under each blocking reason (warnings aside)', () => {
    const blocked = ev('send.blocked', {
      reasons: ['suppressed-address', 'invalid-address', 'subject-long'],
    });
    expect(metrics(blocked)).toEqual([
      'blocked',
      'blocked_by:suppressed-address',
      'blocked_by:invalid-address',
    ]);
  });

  it('does not count a send only held for a while (paused, cap, send window, DNS down): it is tried again', () => {
    for (const hold of [
      ['sending-paused'],
      ['mailbox-paused-by-rep', 'subject-long'],
      ['daily-cap-reached'],
      ['outside-send-window'],
      ['dns-unavailable'],
      ['suppression-not-ready'],
    ]) {
      expect(metrics(ev('send.blocked', { reasons: hold })), hold.join()).toEqual([]);
    }
    // held and blocked for real: counted under the real reason only
    expect(metrics(ev('send.blocked', { reasons: ['daily-cap-reached', 'suppressed-domain'] }))).toEqual([
      'blocked',
      'blocked_by:suppressed-domain',
    ]);
  });

  it('a content score that blocks with warnings alone counts under those warnings', () => {
    expect(blockingReasons(['spam-phrases-money', 'exclamation-marks'])).toEqual([
      'spam-phrases-money',
      'exclamation-marks',
    ]);
    expect(blockingReasons([])).toEqual(['unknown']);
  });

  it("counts the server's one-click opt-out, never a desktop's suppression.added", () => {
    const oneClick = { source: 'unsubscribe-link', reason: 'unsubscribed', mailboxId: 'mb1' };
    expect(metrics(ev('suppression.added', oneClick, 'server'))).toEqual(['opted_out']);
    expect(metrics(ev('suppression.added', oneClick, 'chain-1'))).toEqual([]);
    expect(metrics(ev('suppression.added', { reason: 'unsubscribed' }, 'server'))).toEqual([]);
  });

  it('every other event type of the desktop counts nothing', () => {
    const counted = new Set([
      'send.sent',
      'send.blocked',
      'inbox.bounce',
      'inbox.reply',
      'inbox.optout',
      'inbox.complaint',
    ]);
    for (const type of Object.keys(AUDIT_EVENT_TYPES).filter((t) => !counted.has(t))) {
      expect(
        countsOf(ev(type, { reasons: ['suppressed-address'], source: 'unsubscribe-link' })),
        type,
      ).toEqual([]);
    }
  });

  it('names the sequence when the event does, and ignores a malformed one', () => {
    expect(countsOf(ev('send.sent', { sequenceId: 'seq_42' }))[0]?.sequenceId).toBe('seq_42');
    expect(countsOf(ev('send.sent', { sequenceId: "x' OR 1=1" }))[0]?.sequenceId).toBe('');
    expect(countsOf(ev('send.sent', { sequenceId: 7 }))[0]?.sequenceId).toBe('');
  });

  it('an event with no usable time or odd reasons counts nothing rather than throwing', () => {
    expect(countsOf(ev('send.sent', {}, 'c', Number.NaN))).toEqual([]);
    expect(countsOf(ev('send.sent', {}, 'c', 1e20))).toEqual([]);
    expect(metrics(ev('send.blocked', { reasons: 'suppressed-address' }))).toEqual([
      'blocked',
      'blocked_by:unknown',
    ]);
    expect(utcDay(0)).toBe('1970-01-01');
  });
});

describe('statsRange', () => {
  const now = Date.parse('2026-03-04T10:00:00Z');
  it('defaults to the last 30 days ending today (UTC)', () => {
    expect(statsRange({}, now)).toEqual({ from: '2026-02-03', to: '2026-03-04' });
    expect(statsRange({ to: '2026-01-31' }, now)).toEqual({ from: '2026-01-02', to: '2026-01-31' });
  });
  it('refuses days that do not exist, a reversed range and more than a year', () => {
    expect(statsRange({ from: '2026-02-30', to: '2026-03-01' }, now)).toHaveProperty('error');
    expect(statsRange({ from: '2026-03-02', to: '2026-03-01' }, now)).toHaveProperty('error');
    expect(statsRange({ from: '2024-01-01', to: '2026-03-01' }, now)).toHaveProperty('error');
    expect(statsRange({ from: '2026-03-01', to: '2026-03-01' }, now)).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });
});
