import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { LeadDoc } from '../../db/schemas/leads';
import { useApp } from '../../store';
import { LeadPicker } from './LeadPicker';

/** From: the connected mailboxes (off until they are read), or, with none, where to connect one. */
export function FromField({
  mailboxes,
  mailboxId,
  onChange,
}: {
  mailboxes: MailboxInfo[] | null;
  mailboxId: string;
  onChange: (mailboxId: string) => void;
}) {
  const go = useApp((s) => s.go);
  if (mailboxes?.length === 0) {
    return (
      <p className="warning" role="alert">
        Connect a mailbox before you send: Fairsend sends through your own mailbox.{' '}
        <button type="button" className="link" onClick={() => go('mailboxes')}>
          Go to Mailboxes
        </button>
      </p>
    );
  }
  return (
    <label className="field">
      <span>From</span>
      <select value={mailboxId} onChange={(e) => onChange(e.target.value)} disabled={!mailboxes}>
        {(mailboxes ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName} &lt;{m.address}&gt;
          </option>
        ))}
      </select>
    </label>
  );
}

/** To: the lead's address, with Change when `onChange` is given; with no lead yet, the lead picker. */
export function ToField({
  lead,
  onPick,
  onChange,
}: {
  lead: LeadDoc | null;
  onPick: (lead: LeadDoc) => void;
  onChange?: (() => void) | undefined;
}) {
  if (!lead) return <LeadPicker onPick={onPick} />;
  return (
    <label className="field">
      <span>To</span>
      <span className="to-line">
        <input value={lead.email} readOnly aria-readonly="true" />
        {onChange ? (
          <button type="button" className="ghost" onClick={onChange}>
            Change
          </button>
        ) : null}
      </span>
    </label>
  );
}

/** Subject and Message; read-only until the lead's draft has been read into them. */
export function MessageFields({
  subject,
  body,
  onSubject,
  onBody,
  readOnly,
  autoFocus,
}: {
  subject: string;
  body: string;
  onSubject: (subject: string) => void;
  onBody: (body: string) => void;
  readOnly: boolean;
  /** the subject takes the focus when Compose opens (the lead is already chosen) */
  autoFocus: boolean;
}) {
  return (
    <>
      <label className="field">
        <span>Subject</span>
        <input
          value={subject}
          onChange={(e) => onSubject(e.target.value)}
          maxLength={998}
          readOnly={readOnly}
          data-autofocus={autoFocus ? true : undefined}
        />
      </label>
      <label className="field">
        <span>Message</span>
        <textarea
          value={body}
          onChange={(e) => onBody(e.target.value)}
          rows={10}
          readOnly={readOnly}
          placeholder="Blank lines start a new paragraph; https:// links become clickable. Your footer is added for you."
        />
      </label>
    </>
  );
}
