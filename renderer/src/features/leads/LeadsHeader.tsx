import { LEAD_STATUS_LABELS, LEAD_STATUSES } from '../../../../shared/leads/lead';
import type { LeadStats } from '../../db/leads-repo';
import { useApp } from '../../store';

/** Title, the kept per-status counters (a chip filters by its status), and the add actions. */
export function LeadsHeader({ stats, onNewLead }: { stats: LeadStats | null; onNewLead: () => void }) {
  const status = useApp((s) => s.filter.status);
  const setFilter = useApp((s) => s.setFilter);
  const setImportOpen = useApp((s) => s.setImportOpen);
  return (
    <header className="screen-header">
      <h1>Leads</h1>
      {stats?.total ? (
        <ul className="status-chips" aria-label="Leads by status">
          {LEAD_STATUSES.map((s) => (
            <li key={s}>
              <button
                type="button"
                className={`chip${status === s ? ' on' : ''}`}
                aria-pressed={status === s}
                onClick={() => setFilter({ status: status === s ? '' : s })}
              >
                <span className={`badge ${s}`}>{LEAD_STATUS_LABELS[s]}</span>
                <span data-testid={`count-${s}`}>{stats.byStatus[s].toLocaleString()}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="header-actions">
        <button type="button" onClick={onNewLead}>
          New lead
        </button>
        <button type="button" className="primary" onClick={() => setImportOpen(true)}>
          Import CSV
        </button>
      </div>
    </header>
  );
}
