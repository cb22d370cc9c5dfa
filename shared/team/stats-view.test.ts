import { describe, expect, it } from 'vitest';
import type { StatsAnswer } from './stats';
import { daysBetween, groupBlocked, percent, sequenceNames, shapeStats, UNKNOWN_REP } from './stats-view';

const zero = { sent: 0, blocked: 0, bounced: 0, replied: 0, opted_out: 0, complained: 0 };
const answer: StatsAnswer = {
  from: '2026-02-27',
  to: '2026-03-02',
  scope: 'team',
  you: { memberId: 'm-boss', role: 'manager' },
  members: [
    { id: 'm-ann', email: 'ann@acme.test', role: 'rep' },
    { id: 'm-bob', email: 'bob@acme.test', role: 'rep' },
    { id: 'm-boss', email: 'boss@acme.test', role: 'manager' },
    { id: 'm-eve', email: 'eve@acme.test', role: 'readonly' },
  ],
  days: [
    { day: '2026-02-28', memberId: 'm-ann', ...zero, sent: 10, replied: 2 },
    { day: '2026-03-02', memberId: 'm-ann', ...zero, sent: 5, bounced: 1 },
    { day: '2026-03-01', memberId: 'm-gone', ...zero, sent: 3 },
    { day: '2026-03-01', memberId: '', ...zero, opted_out: 4 },
  ],
  blockedBy: [
    { memberId: 'm-ann', reason: 'suppressed-address', count: 3 },
    { memberId: 'm-bob', reason: 'suppressed-domain', count: 1 },
    { memberId: 'm-bob', reason: 'spam-phrases-money', count: 2 },
    { memberId: 'm-bob', reason: 'no-mx', count: 1 },
  ],
  sequences: [
    { sequenceId: 'seq-1', memberId: 'm-ann', ...zero, sent: 7 },
    { sequenceId: 'seq-1', memberId: 'm-bob', ...zero, sent: 1 },
  ],
};

describe('shapeStats', () => {
  const shape = shapeStats(answer);

  it('gives every day of the range, a quiet day as zeros, so the chart and the table line up', () => {
    expect(shape.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    const ann = shape.reps.find((r) => r.memberId === 'm-ann')!;
    expect(ann.perDay.sent).toEqual([0, 10, 0, 5]);
    expect(ann.perDay.replied).toEqual([0, 2, 0, 0]);
    expect(ann.totals).toEqual({ ...zero, sent: 15, replied: 2, bounced: 1 });
  });

  it('lists reps and managers even with nothing sent, busiest first, the unknown sender last', () => {
    expect(shape.reps.map((r) => r.name)).toEqual([
      'ann@acme.test',
      'A former member',
      'bob@acme.test',
      'boss@acme.test',
      UNKNOWN_REP,
    ]);
    expect(shape.totals.sent).toBe(18);
    expect(shape.totals.opted_out).toBe(4);
    expect(shape.members.map((m) => m.role)).toEqual(['rep', 'rep', 'manager', 'readonly']);
    expect(shape.own).toBe(false);
  });

  it('adds up each sequence over its reps, the busiest first', () => {
    expect(shape.sequences[0]).toEqual({
      sequenceId: 'seq-1',
      memberIds: ['m-ann', 'm-bob'],
      totals: { ...zero, sent: 8 },
    });
    const more = shapeStats({
      ...answer,
      sequences: [...answer.sequences, { sequenceId: 'seq-0', memberId: 'm-bob', ...zero, sent: 9 }],
    });
    expect(more.sequences.map((s) => s.sequenceId)).toEqual(['seq-0', 'seq-1']);
  });
});

describe('sequenceNames', () => {
  const rows = (...list: [string, string][]) =>
    list.map(([sequenceId, memberId]) => ({ sequenceId, memberIds: [memberId], totals: zero }));

  it('names a sequence this computer knows; others by who sent them, numbered when one rep has several', () => {
    const shape = {
      own: false,
      members: answer.members,
      sequences: rows(
        ['s-mine', 'm-boss'],
        ['s-a1', 'm-ann'],
        ['s-a2', 'm-ann'],
        ['s-b', 'm-bob'],
        ['s-x', 'm-x'],
      ),
    };
    const names = sequenceNames(shape, new Map([['s-mine', '  Q3 founders ']]));
    expect(Object.fromEntries(names)).toEqual({
      's-mine': 'Q3 founders',
      's-a1': 'A sequence of ann@acme.test (1)',
      's-a2': 'A sequence of ann@acme.test (2)',
      's-b': 'A sequence of bob@acme.test',
      's-x': 'A sequence of a former member',
    });
  });

  it("on a rep's own screen, a sequence this computer no longer has says so", () => {
    const shape = {
      own: true,
      members: answer.members.slice(0, 1),
      sequences: rows(['s-1', 'm-ann'], ['gone', 'm-ann']),
    };
    expect(Object.fromEntries(sequenceNames(shape, new Map([['s-1', 'Intro']])))).toEqual({
      's-1': 'Intro',
      gone: 'A sequence no longer on this computer',
    });
  });
});

describe('groupBlocked', () => {
  it('groups reasons a rep fixes the same way, in words, codes kept for Details', () => {
    const groups = groupBlocked(answer.blockedBy);
    expect(groups.map((g) => [g.words, g.count])).toEqual([
      ['On the suppression list', 4],
      ["The email's wording, links or layout", 2],
      ['The address cannot take email (mistyped, no mail server, throwaway or role address)', 1],
    ]);
    expect(groups[0]!.codes).toEqual([
      { code: 'suppressed-address', count: 3 },
      { code: 'suppressed-domain', count: 1 },
    ]);
  });
});

describe('helpers', () => {
  it('daysBetween and percent', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(daysBetween('2026-01-02', '2026-01-01')).toEqual([]);
    expect(percent(1, 8)).toBe('13%');
    expect(percent(1, 200)).toBe('0.5%');
    expect(percent(3, 0)).toBe('–');
  });
});
