import type { Reason } from '../../../../shared/compliance/reasons';
import type { MailboxHealthInfo } from '../../../../shared/ipc/mailboxes';
import { CodeDetails } from '../../ui/CodeDetails';

const BREAKER_BADGE = { ok: 'replied', warn: 'verdict-warn', paused: 'bounced' } as const;
const BREAKER_LABEL = { ok: 'Sending normally', warn: 'Warning', paused: 'Paused' } as const;

export function ReasonList({ reasons }: { reasons: Reason[] }) {
  if (!reasons.length) return null;
  return (
    <ul className="reason-list">
      {reasons.map((r) => (
        <li key={r.code}>
          {r.message}
          {r.fix ? <div className="reason-fix">{r.fix}</div> : null}
          <CodeDetails code={r.code} />
        </li>
      ))}
    </ul>
  );
}

/** Today's sends against today's cap (with the ramp-up), and the circuit breaker with its reasons. */
export function MailboxHealthPanel({
  health,
  busy,
  onResume,
}: {
  health: MailboxHealthInfo;
  busy: boolean;
  onResume: () => void;
}) {
  const { sentToday, cap, breaker } = health;
  return (
    <div data-testid="mailbox-sends">
      <p>
        <strong>
          {sentToday} of {cap.cap}
        </strong>{' '}
        sent today
        {cap.rampingUp ? ` · warming up towards ${cap.target} a day` : ''} ·{' '}
        <span className={`badge ${BREAKER_BADGE[breaker.state]}`}>{BREAKER_LABEL[breaker.state]}</span>
      </p>
      <ReasonList reasons={[...breaker.reasons, ...cap.reasons]} />
      {breaker.state !== 'ok' ? (
        // named apart from the rep's own Pause / Resume sending: both can show on one card
        <button type="button" disabled={busy} onClick={onResume}>
          Resume after the fix
        </button>
      ) : null}
    </div>
  );
}
