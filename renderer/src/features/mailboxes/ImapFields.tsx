import type { SmtpConnectRequest } from '../../../../shared/ipc/mailboxes';

const IMAP_PORTS = [
  { port: 993, security: 'tls', label: '993 — TLS (recommended)' },
  { port: 143, security: 'starttls', label: '143 — STARTTLS' },
] as const;

/** The IMAP part of the SMTP form: empty host means no IMAP; empty login and password mean "same as SMTP". */
export function imapFromForm(form: FormData): SmtpConnectRequest['imap'] {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const host = text('imapHost');
  if (!host) return undefined;
  const choice = IMAP_PORTS[Number(text('imapPort'))] ?? IMAP_PORTS[0];
  const user = text('imapUser');
  const password = String(form.get('imapPassword') ?? '');
  return {
    host,
    port: choice.port,
    security: choice.security,
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
  };
}

/** The IMAP fields; `current` fills them in (a mailbox's settings), `open` shows them unfolded. */
export function ImapFields({
  current,
  open = false,
}: {
  current?: { host: string; port: number; user: string } | undefined;
  open?: boolean;
} = {}) {
  const portIndex = Math.max(
    0,
    IMAP_PORTS.findIndex((p) => p.port === current?.port),
  );
  return (
    <details open={open}>
      <summary>Read replies over IMAP (recommended)</summary>
      <p className="muted">
        Fairsend reads replies, bounces and opt-outs from this mailbox's inbox, so sequences stop on their
        own. It also saves each sent message to your Sent folder and, after a crash, checks that folder so
        nothing is sent twice. Fairsend checks this login before saving, too.
      </p>
      <div className="form-grid">
        <label className="field">
          <span>IMAP server</span>
          <input
            name="imapHost"
            placeholder="imap.example.com"
            autoComplete="off"
            defaultValue={current?.host}
          />
        </label>
        <label className="field">
          <span>Port and encryption</span>
          <select name="imapPort" defaultValue={String(portIndex)}>
            {IMAP_PORTS.map((p, i) => (
              <option key={p.port} value={i}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>IMAP login (if not the SMTP one)</span>
          <input name="imapUser" autoComplete="off" defaultValue={current?.user} />
        </label>
        <label className="field">
          <span>IMAP password (if not the SMTP one)</span>
          <input name="imapPassword" type="password" autoComplete="off" />
        </label>
      </div>
    </details>
  );
}
