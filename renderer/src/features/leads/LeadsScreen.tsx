import { Suspense, useEffect, useState } from 'react';
import { useApp } from '../../store';
import { EmptyState } from '../../ui/EmptyState';
import { useFilterOptions } from './hooks/use-filter-options';
import { useLeadList } from './hooks/use-lead-list';
import { useLeadStats } from './hooks/use-lead-stats';
import { LeadsHeader } from './LeadsHeader';
import { isFiltered, LeadsToolbar } from './LeadsToolbar';
import { BulkBar, ImportWizard, LeadDetail, NewLeadDialog, preloadLeadParts } from './lazy-parts';
import { LeadsTable } from './table/LeadsTable';

/** The parts no first frame draws are read this long after the screen opens. */
const PRELOAD_PARTS_MS = 1500;

export function LeadsScreen() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const selectedCount = useApp((s) => s.selected.size);
  const openLeadId = useApp((s) => s.openLeadId);
  const importOpen = useApp((s) => s.importOpen);
  const setImportOpen = useApp((s) => s.setImportOpen);
  const stats = useLeadStats();
  const sort = useApp((s) => s.sort);
  const { list, filter: listFilter, error } = useLeadList(filter, sort);
  const { tags, sources } = useFilterOptions();
  const [newLeadOpen, setNewLeadOpen] = useState(false);
  useEffect(() => {
    // after the first rows: opening a lead or a dialog then finds its code read
    const timer = setTimeout(preloadLeadParts, PRELOAD_PARTS_MS);
    return () => clearTimeout(timer);
  }, []);

  const noLeadsAtAll = stats?.total === 0;
  const noMatches = !noLeadsAtAll && list?.total === 0 && listFilter !== null && isFiltered(listFilter);

  return (
    <div className={`screen leads-screen${openLeadId ? ' with-drawer' : ''}`}>
      <div className="leads-main">
        <LeadsHeader stats={stats} onNewLead={() => setNewLeadOpen(true)} />
        {noLeadsAtAll ? (
          <EmptyState
            title="No leads yet"
            action={
              <>
                <button type="button" className="primary" onClick={() => setImportOpen(true)}>
                  Import a CSV
                </button>
                <button type="button" onClick={() => setNewLeadOpen(true)}>
                  Add one by hand
                </button>
              </>
            }
          >
            Import the CSV your CRM or a spreadsheet exports: duplicates by email address are skipped or
            merged, and everything stays on this computer.
          </EmptyState>
        ) : (
          <>
            <LeadsToolbar list={list} tags={tags} sources={sources} />
            {selectedCount ? (
              <Suspense fallback={null}>
                <BulkBar
                  knownTags={tags}
                  list={list}
                  filtered={listFilter !== null && isFiltered(listFilter)}
                />
              </Suspense>
            ) : null}
            {error ? (
              <p className="error" role="alert">
                Could not read the leads: {error}
              </p>
            ) : null}
            {noMatches ? (
              <EmptyState
                title="No leads match these filters"
                action={
                  <button
                    type="button"
                    onClick={() => setFilter({ search: '', status: '', tag: '', company: '', source: '' })}
                  >
                    Clear filters
                  </button>
                }
              >
                Search finds the start of a first name, last name, full name, company, email address or email
                domain (acme.com). The company filter wants the exact company name.
              </EmptyState>
            ) : list ? (
              <LeadsTable list={list} stale={listFilter !== filter} />
            ) : (
              <div className="lead-grid loading" aria-busy="true" />
            )}
          </>
        )}
      </div>
      <Suspense fallback={null}>
        {openLeadId ? <LeadDetail key={openLeadId} id={openLeadId} /> : null}
        {importOpen ? <ImportWizard onClose={() => setImportOpen(false)} /> : null}
        {newLeadOpen ? <NewLeadDialog onClose={() => setNewLeadOpen(false)} /> : null}
      </Suspense>
    </div>
  );
}
