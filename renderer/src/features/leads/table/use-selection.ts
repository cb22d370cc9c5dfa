import { useCallback, useRef } from 'react';
import type { LeadList } from '../../../db/lead-list';
import { useApp } from '../../../store';

/** Up to this many rows, a shift range is read through the page cache; beyond it, from the id walk. */
const RANGE_BY_PAGES = 1000;

/** Row selection as Apollo and Gmail do it: toggle, shift for a range, the header box for every match. */
export function useSelection(list: LeadList) {
  const selected = useApp((s) => s.selected);
  const setSelected = useApp((s) => s.setSelected);
  const anchor = useRef<number | null>(null);

  const toggle = useCallback(
    (index: number, id: string) => {
      const next = new Set(useApp.getState().selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      anchor.current = index;
      setSelected(next);
    },
    [setSelected],
  );

  /** Selects every row between the last toggled one and `index`, both included. */
  const extend = useCallback(
    async (index: number) => {
      const from = anchor.current ?? index;
      const [lo, hi] = from < index ? [from, index] : [index, from];
      let ids: string[];
      if (hi - lo < RANGE_BY_PAGES) {
        await list.load(lo, hi + 1);
        ids = [];
        for (let i = lo; i <= hi; i++) {
          const id = list.peek(i)?.id;
          if (id) ids.push(id);
        }
      } else {
        ids = (await list.allIds()).slice(lo, hi + 1);
      }
      anchor.current = index;
      setSelected(new Set([...useApp.getState().selected, ...ids]));
    },
    [list, setSelected],
  );

  const allSelected = list.total > 0 && selected.size >= list.total;

  const toggleAll = useCallback(async () => {
    if (useApp.getState().selected.size) {
      setSelected(new Set());
      return;
    }
    setSelected(new Set(await list.allIds()));
  }, [list, setSelected]);

  return { selected, toggle, extend, toggleAll, allSelected };
}
