import { useEffect, useState } from 'react';
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatus } from '../../../../shared/leads/lead';
import type { LeadSort } from '../../db/lead-docs';
import type { LeadList } from '../../db/lead-list';
import { EMPTY_FILTER, type LeadFilter, useApp } from '../../store';
import { ExportMenu } from './ExportMenu';
import { EXPORT_CHUNK } from './export-file';
import { useDebounced } from './hooks/use-debounced';

/** The Status menu's entry for the suppressed leads (any status). */
const SUPPRESSED = 'suppressed';

export const isFiltered = (f: LeadFilter) => Object.values(f).some((v) => v !== '');

/**
 * Text typed into a box, applied to the filter once typing pauses. The pause is short: a search first reads a
 * page's worth of index keys, and the list opens one filter at a time (use-lead-list.ts), so answering a key
 * early costs little and the rep waits less; the pause only gathers a burst (a paste, a fast typist).
 */
const TYPING_PAUSE_MS = 30;

function useTypedFilter(key: 'search' | 'company') {
  const applied = useApp((s) => s.filter[key]);
  const setFilter = useApp((s) => s.setFilter);
  const [text, setText] = useState(applied);
  const settled = useDebounced(text, TYPING_PAUSE_MS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled edit is applied.
  useEffect(() => {
    if (settled !== applied) setFilter({ [key]: settled });
  }, [settled]);
  // "Clear filters" (or a chip) changes the filter from outside: show it.
  useEffect(() => setText(applied), [applied]);
  return [text, setText] as const;
}

export function LeadsToolbar({
  list,
  tags,
  sources,
}: {
  list: LeadList | null;
  tags: string[];
  sources: string[];
}) {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const sort = useApp((s) => s.sort);
  const setSort = useApp((s) => s.setSort);
  const [search, setSearch] = useTypedFilter('search');
  const [company, setCompany] = useTypedFilter('company');

  return (
    <search className="leads-toolbar">
      <input
        type="search"
        className="search-box"
        aria-label="Search leads"
        placeholder="Search: name, company, email or domain"
        title="Finds the start of a first name, last name, full name, company, email address or email domain (acme.com)"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {/* "Suppressed" sits with the statuses: the toolbar has no room for another control at 1,024 pixels */}
      <select
        aria-label="Status"
        value={filter.suppressed === 'only' ? SUPPRESSED : filter.status}
        onChange={(e) =>
          setFilter(
            e.target.value === SUPPRESSED
              ? { status: '', suppressed: 'only' }
              : { status: e.target.value as LeadStatus | '', suppressed: '' },
          )
        }
      >
        <option value="">Any status</option>
        {LEAD_STATUSES.map((s) => (
          <option key={s} value={s}>
            {LEAD_STATUS_LABELS[s]}
          </option>
        ))}
        <option value={SUPPRESSED} title="Leads whose address or whole domain is on the suppression list">
          Suppressed
        </option>
      </select>
      <select aria-label="Tag" value={filter.tag} onChange={(e) => setFilter({ tag: e.target.value })}>
        <option value="">Any tag</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <input
        aria-label="Company (exact name)"
        placeholder="Company (exact)"
        value={company}
        onChange={(e) => setCompany(e.target.value)}
      />
      <select
        aria-label="Source"
        value={filter.source}
        onChange={(e) => setFilter({ source: e.target.value })}
      >
        <option value="">Any source</option>
        {sources.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as LeadSort)}>
        {/* a search lists its best matches first (names, then last names, companies, addresses, domains) */}
        <option value="newest">{filter.search.trim() ? 'Best match' : 'Newest first'}</option>
        <option value="name">Name A–Z</option>
        <option value="company">Company A–Z</option>
      </select>
      <button
        type="button"
        className="ghost"
        disabled={!isFiltered(filter)}
        onClick={() => setFilter(EMPTY_FILTER)}
      >
        Clear filters
      </button>
      <span className="result-count" role="status" data-testid="result-count">
        {list ? resultCount(list) : ''}
      </span>
      {list ? (
        <ExportMenu
          label={isFiltered(filter) ? 'Export matches' : 'Export all'}
          count={list.total}
          rows={() => list.chunks(EXPORT_CHUNK)}
        />
      ) : null}
    </search>
  );
}

function resultCount(list: LeadList): string {
  // a search's first rows are on screen; its count follows in a moment
  if (list.complete) return 'Counting matches…';
  if (list.capped) return `${list.total.toLocaleString()}+ matches — refine your search`;
  return `${list.total.toLocaleString()} lead${list.total === 1 ? '' : 's'}`;
}
