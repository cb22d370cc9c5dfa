import { describe, expect, it } from 'vitest';
import { mergeFigures } from './figures.mjs';

const fig = (id: string, value: number) => ({ id, value, unit: 'ms', target: null, note: '' });

describe('mergeFigures', () => {
  it('keeps the other groups, replaces re-measured ids in place and appends new ones', () => {
    const previous = [fig('leads.a', 1), fig('smtp.b', 2), fig('gate.c', 3)];
    const merged = mergeFigures(previous, [fig('smtp.b', 20), fig('crash.d', 4)]);
    expect(merged).toEqual([fig('leads.a', 1), fig('smtp.b', 20), fig('gate.c', 3), fig('crash.d', 4)]);
  });
});
