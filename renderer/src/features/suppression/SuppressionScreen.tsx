import { useState } from 'react';
import type { SuppressionDoc } from '../../db/schemas/compliance';
import { SEARCH_LIMIT } from '../../db/suppression-repo';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { EmptyState } from '../../ui/EmptyState';
import { useDebounced } from '../leads/hooks/use-debounced';
import { AddSuppressionDialog } from './AddSuppressionDialog';
import { ImportDncDialog } from './ImportDncDialog';
import { RemoveSuppressionDialog } from './RemoveSuppressionDialog';
import { SuppressionRow } from './SuppressionRow';
import { useCanRemove, useSuppressionExport, useSuppressionList } from './use-suppression-list';

/**
 * The team's do-not-contact list: search, add, import, export, remove with a reason. The list can hold
 * hundreds of thousands of entries, so only the visible rows are rendered and pages load as you scroll
 * (use-suppression-list.ts).
 */
export function SuppressionScreen() {
  const { suppression: repo } = useServices();
  const notify = useApp((s) => s.notify);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [removing, setRemoving] = useState<SuppressionDoc | null>(null);
  const canRemove = useCanRemove();
  const { rows, total, scroller, items, height } = useSuppressionList(search);
  const { exporting, exportCsv } = useSuppressionExport(repo);

  return (
    <div className="screen suppression">
      <SuppressionHeader
        total={total}
        exporting={exporting}
        onExport={() => void exportCsv()}
        onImport={() => setDialog('import')}
        onAdd={() => setDialog('add')}
      />
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
          <ul className="suppression-list" aria-label="Suppressed addresses and domains" style={{ height }}>
            {items.map((item) => {
              const entry = rows?.[item.index];
              return entry ? (
                <SuppressionRow
                  key={entry.id}
                  entry={entry}
                  top={item.start}
                  onRemove={canRemove ? setRemoving : null}
                />
              ) : null;
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

/** The screen's title, how many entries the list holds, and Export CSV, Import CSV and Add. */
function SuppressionHeader({
  total,
  exporting,
  onExport,
  onImport,
  onAdd,
}: {
  total: number;
  exporting: boolean;
  onExport: () => void;
  onImport: () => void;
  onAdd: () => void;
}) {
  return (
    <header className="screen-header">
      <h1>Suppression</h1>
      <span className="muted" data-testid="suppression-count">
        {total.toLocaleString()} {total === 1 ? 'entry' : 'entries'}
      </span>
      <div className="header-actions">
        <button type="button" onClick={onExport} disabled={exporting || !total}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
        <button type="button" onClick={onImport}>
          Import CSV
        </button>
        <button type="button" className="primary" onClick={onAdd}>
          Add
        </button>
      </div>
    </header>
  );
}
