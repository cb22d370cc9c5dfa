import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { datedFileName } from '../../../../shared/leads/export';
import { call } from '../../bridge/client';
import { suppressionToCsv } from '../../db/dnc-csv';
import type { SuppressionDoc } from '../../db/schemas/compliance';
import { SEARCH_LIMIT } from '../../db/suppression-repo';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { thrownProblem } from '../../ui/bridge-problem';
import { EmptyState } from '../../ui/EmptyState';
import { saveFile } from '../../ui/save-file';
import { throttle } from '../leads/hooks/throttle';
import { useDebounced } from '../leads/hooks/use-debounced';
import { AddSuppressionDialog, REASON_LABELS } from './AddSuppressionDialog';
import { ImportDncDialog } from './ImportDncDialog';
import { RemoveSuppressionDialog } from './RemoveSuppressionDialog';

const PAGE = 500;
const ROW_H = 44;
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * The team's do-not-contact list: search, add, import, export, remove with a reason. The list can hold
 * hundreds of thousands of entries, so only the visible rows are rendered and pages load as you scroll.
 */
export function SuppressionScreen() {
  const { db, suppression: repo } = useServices();
  const notify = useApp((s) => s.notify);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const [rows, setRows] = useState<SuppressionDoc[] | null>(null);
  const [total, setTotal] = useState(0);
  const [more, setMore] = useState(false);
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [removing, setRemoving] = useState<SuppressionDoc | null>(null);
  const [exporting, setExporting] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const loadingMore = useRef(false);
  // in a team, only admins and the owner remove entries (the team server puts back anyone else's removal)
  const [canRemove, setCanRemove] = useState(true);
  useEffect(() => {
    void call('team.status', {}).then((r) => {
      if (r.ok) setCanRemove(!r.value.joined || r.value.role === 'owner' || r.value.role === 'admin');
    });
  }, []);

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

  return (
    <div className="screen suppression">
      <header className="screen-header">
        <h1>Suppression</h1>
        <span className="muted" data-testid="suppression-count">
          {total.toLocaleString()} {total === 1 ? 'entry' : 'entries'}
        </span>
        <div className="header-actions">
          <button type="button" onClick={() => void exportCsv()} disabled={exporting || !total}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
          <button type="button" onClick={() => setDialog('import')}>
            Import CSV
          </button>
          <button type="button" className="primary" onClick={() => setDialog('add')}>
            Add
          </button>
        </div>
      </header>
      <input
        type="search"
        className="search-box"
        aria-label="Search the suppression list"
        placeholder="Search by address or domain (starts with)"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {search && rows?.length === SEARCH_LIMIT ? (
        <p className="muted">Showing the first {SEARCH_LIMIT}; type more to narrow the search.</p>
      ) : null}
      {rows?.length === 0 ? (
        search ? (
          <p className="muted">Nothing on the list starts with “{search}”.</p>
        ) : (
          <EmptyState title="Nobody suppressed yet">
            People who unsubscribe, bounce or are erased land here and are never emailed again, by anyone on
            your team. Add an address or a whole domain, or import your do-not-contact list.
          </EmptyState>
        )
      ) : (
        <div ref={scroller} className="suppression-grid">
          <ul
            className="suppression-list"
            aria-label="Suppressed addresses and domains"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const entry = rows?.[item.index];
              if (!entry) return null;
              return (
                <li
                  key={entry.id}
                  className="suppression-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <span className="suppression-value">
                    {entry.value || (
                      <em className="muted">
                        {entry.reason === 'erased'
                          ? 'Erased lead (address not kept)'
                          : 'From your team (the address is not kept on this computer)'}
                      </em>
                    )}
                  </span>
                  <span className="badge">{entry.kind === 'domain' ? 'Domain' : 'Address'}</span>
                  <span>{REASON_LABELS[entry.reason] ?? entry.reason}</span>
                  <span className="muted suppression-note">{entry.note}</span>
                  <span className="muted">{WHEN.format(entry.createdAt)}</span>
                  {entry.reason === 'erased' || !canRemove ? (
                    <span />
                  ) : (
                    <button
                      type="button"
                      className="ghost"
                      aria-label={`Remove ${entry.value}`}
                      onClick={() => setRemoving(entry)}
                    >
                      Remove
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {dialog === 'add' ? (
        <AddSuppressionDialog
          repo={repo}
          onClose={() => setDialog(null)}
          onAdded={(m) => notify('success', m)}
        />
      ) : null}
      {dialog === 'import' ? <ImportDncDialog repo={repo} onClose={() => setDialog(null)} /> : null}
      {removing ? (
        <RemoveSuppressionDialog
          repo={repo}
          entry={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(m) => notify('success', m)}
        />
      ) : null}
    </div>
  );
}
