import type { GateVerdict } from '../../../../shared/ipc/send';
import { useApp } from '../../store';
import { CodeDetails } from '../../ui/CodeDetails';
import { UnsubscribeNotices } from '../settings/UnsubscribeNotices';
import { type FixContext, fixPlaceOf } from './fix-places';

const VERDICT_LABEL: Record<GateVerdict['verdict'], string> = { ok: 'OK', warn: 'Warning', block: 'Blocked' };

export function VerdictBadge({ verdict }: { verdict: GateVerdict['verdict'] }) {
  return (
    <span className={`badge verdict-${verdict}`} data-testid="gate-verdict">
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

/** Each reason with what it means and how to fix it; shared by Compose and the Outbox. */
export function ReasonList({
  reasons,
  context = {},
}: {
  reasons: readonly { code: string; message: string; fix?: string }[];
  /** the mailbox the reasons are about, so a fix button opens that mailbox's card or settings */
  context?: FixContext;
}) {
  const go = useApp((s) => s.go);
  return (
    <ul className="reason-list">
      {reasons.map((r) => {
        // Stored Outbox reasons hold any code (send failures too): the catalogue says which have a place.
        const place = fixPlaceOf(r.code);
        return (
          <li key={`${r.code}:${r.message}`} data-code={r.code}>
            {r.message || 'No details were kept for this reason.'}
            {r.fix ? <div className="reason-fix">How to fix: {r.fix}</div> : null}
            {place ? (
              <button type="button" className="link" onClick={() => go(place.area, place.open(context))}>
                {place.label}
              </button>
            ) : null}
            <CodeDetails code={r.code} />
          </li>
        );
      })}
    </ul>
  );
}

/** The gate's verdict on the draft: badge, content score, reasons. */
export function GatePanel({
  gate,
  checking,
  mailboxId,
}: {
  gate: GateVerdict | null;
  checking: boolean;
  /** the draft's mailbox: fix buttons open its card or settings */
  mailboxId?: string;
}) {
  return (
    <section className="gate-panel" aria-label="Compliance check" aria-live="polite" aria-busy={checking}>
      <div className="gate-summary">
        {gate ? <VerdictBadge verdict={gate.verdict} /> : <span className="badge">Not checked yet</span>}
        {gate ? <span className="muted">Content score {gate.score} (warns at 5, blocks at 10)</span> : null}
        {checking ? <span className="muted">Checking…</span> : null}
      </div>
      {gate?.reasons.length ? (
        <ReasonList reasons={gate.reasons} context={mailboxId ? { mailboxId } : {}} />
      ) : gate ? (
        <p className="muted">Nothing to fix: this email passes every check.</p>
      ) : null}
      <UnsubscribeNotices />
    </section>
  );
}
