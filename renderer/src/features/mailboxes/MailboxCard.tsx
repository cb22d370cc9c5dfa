import { useState } from 'react';
import type { MailboxHealthInfo, MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { Result } from '../../../../shared/ipc/result';
import { call } from '../../bridge/client';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { PLACE_IDS } from '../../store/address';
import { bridgeProblem } from '../../ui/bridge-problem';
import { ReasonList } from '../compose/GatePanel';
import { ConfirmDialog } from '../leads/dialogs/ConfirmDialog';
import { UnsubscribeNotices } from '../settings/UnsubscribeNotices';
import { CertificatePanel } from './CertificatePanel';
import { MailboxHealthPanel } from './MailboxHealthPanel';
import { PausedNotice, PauseSendingButton, wakeLeadsOf } from './MailboxPause';
import { type SelfTestOutcome, sendSelfTest } from './self-test';

const PROVIDER_LABEL: Record<MailboxInfo['provider'], string> = {
  gmail: 'Gmail',
  'google-workspace': 'Google Workspace',
  'outlook-com': 'Outlook.com',
  'microsoft-365': 'Microsoft 365',
  smtp: 'SMTP',
};

/** One mailbox: health, test, test-to-myself, display name and signature, disconnect (which wipes its secrets). */
export function MailboxCard({
  mailbox,
  health,
  onChanged,
  onHealth,
  onReconnect,
  onRemoved,
  onSettings,
}: {
  mailbox: MailboxInfo;
  health: MailboxHealthInfo | undefined;
  onChanged: (m: MailboxInfo) => void;
  /** after a send or a resume: today's count and the breaker changed */
  onHealth: () => void;
  /** Gmail / Outlook: sign in again (a revoked or expired token) */
  onReconnect: () => void;
  onRemoved: () => void;
  /** opens this mailbox's settings (DKIM selectors, SPF include, IMAP) */
  onSettings: () => void;
}) {
  const notify = useApp((s) => s.notify);
  const services = useServices();
  const [busy, setBusy] = useState('');
  const [selfTest, setSelfTest] = useState<SelfTestOutcome | null>(null);
  const [displayName, setDisplayName] = useState(mailbox.displayName);
  const [signature, setSignature] = useState(mailbox.signature);
  const [confirming, setConfirming] = useState(false);

  // `mailboxes.disconnect` answers null: success is `ok`, not a non-null value.
  async function disconnect() {
    const result = await call('mailboxes.disconnect', { id: mailbox.id });
    if (!result.ok) throw new Error(bridgeProblem(result.error).text);
    onRemoved();
    notify('success', `${mailbox.address} is disconnected. Nothing more is sent from it.`);
  }

  async function run<T>(label: string, work: () => Promise<Result<T>>) {
    setBusy(label);
    const result = await work();
    setBusy('');
    if (!result.ok)
      notify(
        'error',
        bridgeProblem(result.error, { displayName: 'Name recipients see', signature: 'Signature' }).text,
      );
    return result.ok ? result.value : null;
  }

  /** Checks the connection and login again; `done` is what a pass means to the rep. */
  async function testConnection(done = 'The connection and login work.') {
    const next = await run('test', () => call('mailboxes.test', { id: mailbox.id }));
    if (next) {
      onChanged(next);
      notify(next.lastError ? 'error' : 'success', next.lastError ?? done);
    }
  }

  const healthy = mailbox.lastError === null;
  return (
    <li
      className="card mailbox-card"
      aria-label={mailbox.address}
      id={PLACE_IDS.mailboxCard(mailbox.id)}
      tabIndex={-1}
    >
      <div className="mailbox-head">
        <div>
          <strong>{mailbox.address}</strong> <span className="badge">{PROVIDER_LABEL[mailbox.provider]}</span>{' '}
          <span className={`badge ${healthy ? 'replied' : 'bounced'}`} data-testid="mailbox-health">
            {healthy ? 'Healthy' : 'Needs attention'}
          </span>
          {mailbox.pausedAt !== undefined ? <span className="badge verdict-warn">Paused by you</span> : null}
        </div>
        <div className="mailbox-actions">
          <PauseSendingButton mailbox={mailbox} busy={!!busy} run={run} onChanged={onChanged} />
          <button type="button" disabled={!!busy} onClick={() => void testConnection()}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button
            type="button"
            disabled={!!busy}
            onClick={async () => {
              setBusy('selftest');
              setSelfTest(await sendSelfTest(mailbox));
              setBusy('');
              onHealth();
            }}
          >
            {busy === 'selftest' ? 'Sending…' : 'Send a test to myself'}
          </button>
          {mailbox.kind !== 'smtp' ? (
            <button type="button" disabled={!!busy} onClick={onReconnect}>
              Sign in again
            </button>
          ) : null}
          <button type="button" disabled={!!busy} onClick={onSettings}>
            Settings
          </button>
          <button type="button" className="danger" disabled={!!busy} onClick={() => setConfirming(true)}>
            Disconnect
          </button>
        </div>
      </div>
      <PausedNotice mailbox={mailbox} />
      {mailbox.lastError ? <p className="error">{mailbox.lastError}</p> : null}
      {mailbox.lastCertificate ? (
        <CertificatePanel
          problem={mailbox.lastCertificate}
          localRelay={mailbox.smtp?.localRelay ?? false}
          connected
          // trusted: check again, so the card says whether the mailbox works now
          onTrusted={() => void testConnection('Certificate trusted. The connection and login work again.')}
        />
      ) : null}
      <UnsubscribeNotices only="team-server" />
      {selfTest ? (
        <div role="status" data-testid="self-test-outcome">
          <p className={selfTest.status === 'sent' ? 'muted' : 'error'}>{selfTest.text}</p>
          {selfTest.status !== 'sent' ? (
            <ReasonList reasons={selfTest.reasons} context={{ mailboxId: mailbox.id }} />
          ) : null}
        </div>
      ) : null}
      {health ? (
        <MailboxHealthPanel
          health={health}
          busy={!!busy}
          onResume={async () => {
            if ((await run('resume', () => call('mailboxes.resume', { id: mailbox.id }))) !== null) {
              notify('success', 'Sending resumed. The breaker counts afresh from now.');
              onHealth();
              await wakeLeadsOf(mailbox.id, services);
              services.engine.wake();
            }
          }}
        />
      ) : null}
      {mailbox.smtp ? (
        <p className="muted">
          {mailbox.smtp.host}:{mailbox.smtp.port} · {mailbox.smtp.security === 'tls' ? 'TLS' : 'STARTTLS'}
          {mailbox.smtp.localRelay ? ' · local relay' : ''}
          {mailbox.smtp.imap ? ` · IMAP ${mailbox.smtp.imap.host}:${mailbox.smtp.imap.port}` : ' · no IMAP'}
        </p>
      ) : null}
      {mailbox.senderAuth?.dkimSelectors.length || mailbox.senderAuth?.spf.length ? (
        <p className="muted" data-testid="sender-auth-summary">
          {mailbox.senderAuth.dkimSelectors.length
            ? `DKIM selector ${mailbox.senderAuth.dkimSelectors.join(', ')}`
            : ''}
          {mailbox.senderAuth.dkimSelectors.length && mailbox.senderAuth.spf.length ? ' · ' : ''}
          {mailbox.senderAuth.spf.length ? `SPF ${mailbox.senderAuth.spf.join(' ')}` : ''}
        </p>
      ) : null}
      <form
        className="form-grid"
        onSubmit={async (e) => {
          e.preventDefault();
          const next = await run('save', () =>
            call('mailboxes.update', { id: mailbox.id, displayName, signature }),
          );
          if (next) {
            onChanged(next);
            notify('success', 'Saved.');
          }
        }}
      >
        <label className="field">
          <span>Name recipients see</span>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </label>
        <label className="field span-2">
          <span>Signature</span>
          <textarea rows={3} value={signature} onChange={(e) => setSignature(e.target.value)} />
        </label>
        <div>
          <button type="submit" disabled={!!busy}>
            Save
          </button>
        </div>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={`Disconnect ${mailbox.address}?`}
          confirmLabel="Disconnect"
          onConfirm={disconnect}
          onClose={() => setConfirming(false)}
        >
          <p>
            {mailbox.kind === 'smtp' ? 'Its password is' : 'Its sign-in tokens are'} wiped from this computer.
            You can connect it again at any time.
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
