import { useEffect, useRef, useState } from 'react';
import type { LeadList } from '../../../db/lead-list';
import { createRowPump } from './row-pump';

/**
 * The grid's rows (row-pump.ts loads them): a new list (filter change, writes) is shown only once its visible
 * rows are in, so rows never flash to placeholders and back.
 */
export function useRowLoader(
  list: LeadList,
  start: number,
  end: number,
): { shown: LeadList; loaded: number } {
  const [shown, setShown] = useState(list);
  const [loaded, setLoaded] = useState(0);
  const pump = useRef<ReturnType<typeof createRowPump> | null>(null);

  useEffect(() => {
    const created = createRowPump({
      shown(rows, newlyRead) {
        setShown(rows);
        if (newlyRead) setLoaded((n) => n + 1);
      },
    });
    pump.current = created;
    return () => created.stop();
  }, []);

  useEffect(() => {
    pump.current?.want({ list, start, end });
  }, [list, start, end]);

  // A new list whose visible rows are already read (a search's first page) is shown now, not a render later.
  return { shown: list !== shown && list.has(start, end) ? list : shown, loaded };
}
