import type { SuppressionDoc } from '../../db/schemas/compliance';
import { REASON_LABELS } from './AddSuppressionDialog';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * One entry of the do-not-contact list, placed `top` pixels down the virtual list. An erased lead's entry
 * cannot be removed, nor can any entry without `onRemove` (a team member who is not an admin).
 */
export function SuppressionRow({
  entry,
  top,
  onRemove,
}: {
  entry: SuppressionDoc;
  top: number;
  onRemove: ((entry: SuppressionDoc) => void) | null;
}) {
  return (
    <li className="suppression-row" style={{ transform: `translateY(${top}px)` }}>
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
      {entry.reason === 'erased' || !onRemove ? (
        <span />
      ) : (
        <button
          type="button"
          className="ghost"
          aria-label={`Remove ${entry.value}`}
          onClick={() => onRemove(entry)}
        >
          Remove
        </button>
      )}
    </li>
  );
}
