import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CertificateProblem } from '../../../../shared/ipc/certificates';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';
import { FormFooter } from '../../ui/FormFooter';
import { CertificatePanel } from './CertificatePanel';
import { ImapFields, imapFromForm } from './ImapFields';
import { DkimSteps } from './SetupSteps';

// Request keys → the labels on this form, so a refused value is named as the rep sees it.
const SMTP_LABELS = {
  imap: 'IMAP',
  dkim: 'DKIM signing',
  address: 'Email address',
  displayName: 'Name recipients see',
  host: 'SMTP server',
  port: 'Port',
  user: 'Login',
  password: 'Password or app password',
};

const PORTS = [
  { port: 587, security: 'starttls', label: '587 — STARTTLS (recommended)' },
  { port: 465, security: 'tls', label: '465 — TLS' },
  { port: 2525, security: 'starttls', label: '2525 — STARTTLS' },
  { port: 25, security: 'starttls', label: '25 — STARTTLS' },
] as const;

/**
 * Connect a mailbox over SMTP. Main tests the server (TLS required) and the login before it saves anything;
 * the password goes to main once and never comes back.
 */
export function ConnectSmtpDialog({
  onClose,
  onConnected,
}: {
  onClose: () => void;
  onConnected: (m: MailboxInfo) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  // a refused server certificate, with the Local relay choice it was refused under
  const [certificate, setCertificate] = useState<{ problem: CertificateProblem; localRelay: boolean } | null>(
    null,
  );
  const first = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const choice = PORTS[Number(text('port'))] ?? PORTS[0];
    const selector = text('dkimSelector').trim();
    const privateKeyPem = text('dkimKey').trim();
    if (!selector !== !privateKeyPem) {
      setProblem('For DKIM, enter both the selector and the private key, or neither.');
      return;
    }
    const imap = imapFromForm(form);
    setBusy(true);
    setProblem('');
    setCertificate(null);
    const localRelay = form.get('localRelay') === 'on';
    const result = await call('mailboxes.connectSmtp', {
      address: text('address'),
      displayName: text('displayName'),
      host: text('host'),
      port: choice.port,
      security: choice.security,
      user: text('user') || text('address'),
      password: text('password'),
      localRelay,
      // Optional: with a selector and key, main signs each message (the gate needs the selector to check DKIM).
      ...(selector ? { dkim: { selector, privateKeyPem } } : {}),
      ...(imap ? { imap } : {}),
    });
    setBusy(false);
    if (result.ok) return onConnected(result.value);
    setProblem(bridgeProblem(result.error, SMTP_LABELS).text);
    if (result.error.certificate) setCertificate({ problem: result.error.certificate, localRelay });
  }

  return (
    <div className="dialog-backdrop">
      <form
        ref={formRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="smtp-title"
        onSubmit={submit}
        onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}
      >
        <h2 id="smtp-title">Connect an SMTP mailbox</h2>
        <p className="muted">
          Fairsend checks the server (TLS required) and your login before saving. The password is sealed in
          this computer's keyring. For Gmail or Microsoft 365 over SMTP, use an app password.
        </p>
        <div className="form-grid">
          <label className="field">
            <span>Email address</span>
            <input ref={first} name="address" type="email" required autoComplete="email" />
          </label>
          <label className="field">
            <span>Name recipients see</span>
            <input name="displayName" required autoComplete="name" />
          </label>
          <label className="field">
            <span>SMTP server</span>
            <input name="host" required placeholder="smtp.example.com" />
          </label>
          <label className="field">
            <span>Port and encryption</span>
            <select name="port" defaultValue="0">
              {PORTS.map((p, i) => (
                <option key={p.port} value={i}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Login (if not the address)</span>
            <input name="user" autoComplete="username" />
          </label>
          <label className="field">
            <span>Password or app password</span>
            <input name="password" type="password" required autoComplete="current-password" />
          </label>
        </div>
        <label>
          <input type="checkbox" name="localRelay" /> Local relay (a server on my own network: its address may
          be private, and you may trust its own certificate)
        </label>
        <ImapFields />
        <details>
          <summary>
            DKIM signing: Fairsend signs with your key (publish its public key at the selector)
          </summary>
          <p className="muted">
            For a custom domain whose provider does not sign for it: publish the public key as a TXT record at{' '}
            <code>selector._domainkey.yourdomain</code> and paste the private key here. It is sealed like the
            password and used only by Fairsend's main process. If your provider already signs your mail, leave
            this empty: after connecting, enter its selector in the mailbox's Settings (no key needed).
          </p>
          <DkimSteps />
          <label className="field">
            <span>DKIM selector</span>
            <input name="dkimSelector" autoComplete="off" placeholder="s1" pattern="[A-Za-z0-9._\-]{1,63}" />
          </label>
          <label className="field">
            <span>DKIM private key (PEM)</span>
            <textarea name="dkimKey" rows={4} autoComplete="off" spellCheck={false} />
          </label>
        </details>
        {certificate ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        {certificate ? (
          <CertificatePanel
            problem={certificate.problem}
            localRelay={certificate.localRelay}
            // trusted: connect again with the same form, now that main accepts this certificate
            onTrusted={() => formRef.current?.requestSubmit()}
          />
        ) : null}
        <FormFooter
          problem={certificate ? '' : problem}
          busy={busy}
          onCancel={onClose}
          action="Connect"
          busyAction="Checking the server…"
        />
      </form>
    </div>
  );
}
