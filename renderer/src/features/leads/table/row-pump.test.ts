import { describe, expect, it } from 'vitest';
import type { LeadList } from '../../../db/lead-list';
import { createRowPump, READ_AHEAD } from './row-pump';

/** A list of `total` rows whose loads wait until the test lets them finish; every load is recorded. */
function slowList(total: number) {
  const loaded = new Set<number>();
  const pending: { start: number; end: number; finish(): void }[] = [];
  const list = {
    total,
    capped: false,
    peek: () => undefined,
    has: (start: number, end: number) => {
      for (let i = start; i < Math.min(end, total); i++) if (!loaded.has(i)) return false;
      return true;
    },
    load: (start: number, end: number) =>
      new Promise<void>((resolve) => {
        pending.push({
          start,
          end,
          finish() {
            for (let i = start; i < Math.min(end, total); i++) loaded.add(i);
            resolve();
          },
        });
      }),
    allIds: async () => [],
    chunks: async function* () {},
  } as unknown as LeadList;
  return { list, pending };
}

const turns = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the row pump', () => {
  it('loads a jump at once while the read-ahead of the last view is still reading', async () => {
    const { list, pending } = slowList(100_000);
    const shown: number[] = [];
    const pump = createRowPump({ shown: () => shown.push(pending.length) });
    pump.want({ list, start: 0, end: 30 });
    pending.shift()?.finish();
    await turns();
    // the view is in; its read-ahead (rows 30–130) is now reading and never finishes in this test
    expect(shown).toHaveLength(1);
    expect(pending.map((p) => [p.start, p.end])).toEqual([[30, 30 + READ_AHEAD]]);

    pump.want({ list, start: 50_000, end: 50_030 });
    await turns();
    // the jump's own load started beside the hanging read-ahead
    expect(pending.map((p) => [p.start, p.end])).toContainEqual([50_000, 50_030]);
    pending.find((p) => p.start === 50_000)?.finish();
    await turns();
    expect(shown).toHaveLength(2);
    pump.stop();
  });

  it('loads only where a fast scroll stopped, and reads ahead of it once its rows are in', async () => {
    const { list, pending } = slowList(100_000);
    const pump = createRowPump({ shown: () => {} });
    pump.want({ list, start: 0, end: 30 });
    pump.want({ list, start: 10_000, end: 10_030 });
    pump.want({ list, start: 20_000, end: 20_030 });
    pending.shift()?.finish(); // the first view's load, under way when the scroll began
    await turns();
    expect(pending.map((p) => [p.start, p.end])).toEqual([[20_000, 20_030]]);
    pending.shift()?.finish();
    await turns();
    expect(pending.map((p) => [p.start, p.end])).toEqual([[20_030, 20_030 + READ_AHEAD]]);
    pump.stop();
  });

  it('stops reading ahead of a view the user has left', async () => {
    const { list, pending } = slowList(100_000);
    const pump = createRowPump({ shown: () => {} });
    pump.want({ list, start: 500, end: 530 });
    pending.shift()?.finish();
    await turns();
    pump.want({ list, start: 90_000, end: 90_030 });
    await turns();
    // the read-ahead below the old view (400–500) is never started: the view moved while 530–630 was read
    pending.find((p) => p.start === 530)?.finish();
    await turns();
    expect(pending.some((p) => p.start === 400)).toBe(false);
    pump.stop();
  });
});
