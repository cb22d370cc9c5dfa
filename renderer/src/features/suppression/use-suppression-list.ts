import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { datedFileName } from '../../../../shared/leads/export';
import { call } from '../../bridge/client';
import { suppressionToCsv } from '../../db/dnc-csv';
import type { SuppressionDoc } from '../../db/schemas/compliance';
import type { SuppressionRepo } from '../../db/suppression-repo';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { thrownProblem } from '../../ui/bridge-problem';
import { saveFile } from '../../ui/save-file';
import { throttle } from '../leads/hooks/throttle';

const PAGE = 500;
const ROW_H = 44;

/** In a team, only admins and the owner remove entries (the team server puts back anyone else's removal). */
export function useCanRemove(): boolean {
  const [canRemove, setCanRemove] = useState(true);
  useEffect(() => {
    void call('team.status', {}).then((r) => {
      if (r.ok) setCanRemove(!r.value.joined || r.value.role === 'owner' || r.value.role === 'admin');
    });
  }, []);
  return canRemove;
}

/**
 * The entries a search finds (or the whole list, a page at a time as the rep scrolls) and the list's total,
 * read again when the list changes. Only the visible rows are rendered: `scroller` is the scrolling box,
 * `items` the rows in view and `height` the whole list's.
 */
export function useSuppressionList(search: string) {
  const { db, suppression: repo } = useServices();
  const [rows, setRows] = useState<SuppressionDoc[] | null>(null);
  const [total, setTotal] = useState(0);
  const [more, setMore] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const loadingMore = useRef(false);

  const reload = useCallback(async () => {
    const [found, count] = await Promise.all([
      search ? repo.search(search) : repo.list({ limit: PAGE }),
      repo.count(),
    ]);
    setRows(found);
    setTotal(count);
    setMore(!search && found.length === PAGE);
  }, [repo, search]);

  useEffect(() => {
    void reload();
    const again = throttle(() => void reload(), 300);
    const subscription = db.suppression.$.subscribe(() => again());
    return () => {
      subscription.unsubscribe();
      again.cancel();
    };
  }, [db, reload]);

  const virtualizer = useVirtualizer({
    count: rows?.length ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;

  // the next page, once the rows in view come within 50 of the last one read
  useEffect(() => {
    if (!more || !rows || loadingMore.current || lastShown < rows.length - 50) return;
    loadingMore.current = true;
    void repo
      .list({ limit: PAGE, afterRank: rows.at(-1)?.rank ?? 0 })
      .then((page) => {
        setRows((r) => [...(r ?? []), ...page]);
        setMore(page.length === PAGE);
      })
      .finally(() => {
        loadingMore.current = false;
      });
  }, [more, rows, lastShown, repo]);

  return { rows, total, scroller, items, height: virtualizer.getTotalSize() };
}

/** Export CSV: the whole list, read in chunks, saved as one dated file; the toast says how many and where. */
export function useSuppressionExport(repo: Pick<SuppressionRepo, 'chunks'>) {
  const notify = useApp((s) => s.notify);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      const parts: string[] = [];
      let count = 0;
      for await (const chunk of repo.chunks()) {
        parts.push(suppressionToCsv(chunk, count === 0));
        count += chunk.length;
      }
      if (!count) parts.push(suppressionToCsv([]));
      const name = saveFile(
        new Blob(parts, { type: 'text/csv;charset=utf-8' }),
        datedFileName('suppression', 'csv', new Date()),
      );
      notify('success', `Exported ${count.toLocaleString()} entries to ${name}.`);
    } catch (error) {
      notify('error', thrownProblem(error, 'The suppression list could not be exported. Try again.').text);
    } finally {
      setExporting(false);
    }
  }

  return { exporting, exportCsv };
}
