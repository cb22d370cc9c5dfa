import { useEffect, useState } from 'react';
import type { LeadEntries } from '../../db/lead-suppression';
import type { SuppressionDoc } from '../../db/schemas/compliance';
import type { LeadDoc } from '../../db/schemas/leads';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { REASON_LABELS } from './AddSuppressionDialog';
import './suppressed-notice.css';

type LeadRef = Pick<LeadDoc, 'id' | 'domainKey' | 'suppressedBy'>;

/**
 * The suppression entries that cover a lead, asked by key as main's gate asks (so an entry with no plaintext
 * counts); while unknown, or if main cannot be asked, the lead's own flag stands in. Asked again when the
 * flag changes (an entry added or removed elsewhere).
 */
export function useLeadEntries(lead: LeadRef | null): LeadEntries | null {
  const { leadSuppression } = useServices();
  const [entries, setEntries] = useState<LeadEntries | null>(null);
  const id = lead?.id;
  const domainKey = lead?.domainKey;
  const flag = lead?.suppressedBy;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `flag` is the re-check trigger.
  useEffect(() => {
    setEntries(null);
    if (!id || domainKey === undefined) return;
    let live = true;
    leadSuppression.entriesFor({ id, domainKey }).then(
      (found) => live && setEntries(found),
      () => live && setEntries(null),
    );
    return () => {
      live = false;
    };
  }, [leadSuppression, id, domainKey, flag]);
  return entries;
}

/** True when the lead must not be written to: the entries say so, or (until they are known) the flag does. */
export function isListed(lead: LeadRef | null, entries: LeadEntries | null): boolean {
  if (entries) return Boolean(entries.address || entries.domain);
  return Boolean(lead?.suppressedBy);
}

const why = (entry: SuppressionDoc) => REASON_LABELS[entry.reason] ?? 'On the list';

/**
 * Says, before anything is typed, that a lead is on the suppression list — by address or by whole domain, and
 * why — and where to go to change that. Renders nothing for a lead that is not listed.
 */
export function SuppressedNotice({ lead, entries }: { lead: LeadRef; entries: LeadEntries | null }) {
  const go = useApp((s) => s.go);
  if (!isListed(lead, entries)) return null;
  const byAddress = entries
    ? entries.address
    : lead.suppressedBy === 'address' || lead.suppressedBy === 'both';
  const byDomain = entries ? entries.domain : lead.suppressedBy === 'domain' || lead.suppressedBy === 'both';
  return (
    <div
      className="warning suppressed-notice"
      role="note"
      aria-label="Suppressed"
      data-testid="suppressed-notice"
    >
      <strong>On the suppression list: Fairsend will not send to this lead.</strong>
      <ul>
        {byAddress ? (
          <li>
            The address {lead.id} is listed
            {entries?.address ? ` (${why(entries.address)})` : ''}.
          </li>
        ) : null}
        {byDomain ? (
          <li>
            The whole domain {lead.domainKey} is listed
            {entries?.domain ? ` (${why(entries.domain)})` : ''}, so no one there is written to.
          </li>
        ) : null}
      </ul>
      <span>
        To write to them again, the entry must come off the list, with a reason.{' '}
        <button type="button" className="link" onClick={() => go('suppression')}>
          Open the suppression list
        </button>
      </span>
    </div>
  );
}

/** The notice for a lead's detail: the entries asked for as it opens, and again when its flag changes. */
export function LeadSuppressedNotice({ lead }: { lead: LeadRef }) {
  return <SuppressedNotice lead={lead} entries={useLeadEntries(lead)} />;
}
