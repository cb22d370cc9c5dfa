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

export function ImapFields() {
  return (
    <details>
      <summary>Read replies over IMAP (recommended)</summary>
      <p className="muted">
        Fairsend reads replies, bounces and opt-outs from this mailbox's inbox, so sequences stop on their
        own. It also saves each sent message to your Sent folder and, after a crash, checks that folder so
        nothing is sent twice. Fairsend checks this login before saving, too.
      </p>
      <div className="form-grid">
        <label className="field">
          <span>IMAP server</span>
          <input name="imapHost" placeholder="imap.example.com" autoComplete="off" />
        </label>
        <label className="field">
          <span>Port and encryption</span>
          <select name="imapPort" defaultValue="0">
            {IMAP_PORTS.map((p, i) => (
              <option key={p.port} value={i}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>IMAP login (if not the SMTP one)</span>
          <input name="imapUser" autoComplete="off" />
        </label>
        <label className="field">
          <span>IMAP password (if not the SMTP one)</span>
          <input name="imapPassword" type="password" autoComplete="off" />
        </label>
      </div>
    </details>
  );
}
