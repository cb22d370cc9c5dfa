import { memo } from 'react';
import { LEAD_STATUS_LABELS } from '../../../../../shared/leads/lead';
import type { LeadDoc } from '../../../db/schemas/leads';
import '../../suppression/suppressed-notice.css';
import { LEAD_COLUMNS } from './columns';

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const SUPPRESSED_BY = {
  address: 'their address',
  domain: 'their whole domain',
  both: 'their address and their whole domain',
} as const;

/**
 * The status, or "Suppressed" in its place while the suppression list covers the lead: that is what decides
 * whether the rep can write to them, and the column has no room for two badges. The flag is on the document
 * the row already holds, so the badge costs no read; the status stays in the title and in the lead's detail.
 */
function StatusBadge({ lead }: { lead: LeadDoc }) {
  const status = LEAD_STATUS_LABELS[lead.status];
  if (!lead.suppressedBy) return <span className={`badge ${lead.status}`}>{status}</span>;
  return (
    <span
      className="badge suppressed"
      data-testid="suppressed-badge"
      title={`On the suppression list (${SUPPRESSED_BY[lead.suppressedBy]}); status: ${status}`}
    >
      Suppressed
    </span>
  );
}

export function rowDomId(index: number): string {
  return `lead-row-${index}`;
}

interface LeadRowProps {
  index: number;
  lead: LeadDoc | undefined;
  top: number;
  selected: boolean;
  active: boolean;
  onCheck: (index: number, id: string, shift: boolean) => void;
  onOpen: (index: number, id: string) => void;
}

/** One row of the grid, absolutely placed at `top`, its cells in LEAD_COLUMNS' order; a skeleton while its page loads. */
export const LeadRow = memo(function LeadRow({
  index,
  lead,
  top,
  selected,
  active,
  onCheck,
  onOpen,
}: LeadRowProps) {
  const style = { transform: `translateY(${top}px)` };
  if (!lead) {
    return (
      <tr aria-rowindex={index + 2} aria-busy="true" className="lead-row skeleton" style={style}>
        <td className="lead-cell">
          <span className="skeleton-bar" />
        </td>
        {LEAD_COLUMNS.map((c) => (
          <td key={c.id} className="lead-cell">
            <span className="skeleton-bar" />
          </td>
        ))}
      </tr>
    );
  }
  const name = `${lead.firstName} ${lead.lastName}`.trim();
  return (
    <tr
      id={rowDomId(index)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`lead-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={style}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('.lead-check')) return;
        onOpen(index, lead.id);
      }}
    >
      <td className="lead-cell lead-check">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select ${name || lead.email}`}
          onClick={(e) => onCheck(index, lead.id, e.shiftKey)}
          onChange={() => {}}
        />
      </td>
      <td className="lead-cell strong" title={name}>
        {name || <span className="muted">—</span>}
      </td>
      <td className="lead-cell" title={lead.email}>
        {lead.email}
      </td>
      <td className="lead-cell" title={lead.company}>
        {lead.company}
      </td>
      <td className="lead-cell" title={lead.title}>
        {lead.title}
      </td>
      <td className="lead-cell">
        <StatusBadge lead={lead} />
      </td>
      <td className="lead-cell" title={lead.tags.join(', ')}>
        {lead.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </td>
      <td className="lead-cell muted" title={lead.source}>
        {lead.source}
      </td>
      <td className="lead-cell muted">{DATE.format(lead.createdAt)}</td>
    </tr>
  );
});
