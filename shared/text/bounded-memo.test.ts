import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('answers a repeated input from memory, null and undefined answers included', () => {
    const calls: string[] = [];
    const f = boundedMemo((s: string) => {
      calls.push(s);
      return s === 'none' ? null : s === 'nothing' ? undefined : s.toUpperCase();
    }, 10);
    expect([f('a'), f('a'), f('none'), f('none'), f('nothing'), f('nothing')]).toEqual([
      'A',
      'A',
      null,
      null,
      undefined,
      undefined,
    ]);
    expect(calls).toEqual(['a', 'none', 'nothing']);
  });

  it('keeps at most two generations of `limit` answers, and moves an answer still asked for forward', () => {
    const calls: number[] = [];
    const f = boundedMemo((n: number) => {
      calls.push(n);
      return n * 2;
    }, 2);
    for (const n of [1, 2, 3, 4]) f(n); // generations [1, 2] and [3, 4]
    f(1); // from the previous generation, moved forward: [3, 4] and [1]
    f(5); // [3, 4] and [1, 5]
    f(6); // [1, 5] and [6]: 3 and 4 are dropped
    expect(f(1)).toBe(2);
    f(3);
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 3]);
  });
});
