import { useState } from 'react';
import type { MailboxHealthInfo, MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { PLACE_IDS } from '../../store/address';
import { ReasonList } from '../compose/GatePanel';
import { UnsubscribeNotices } from '../settings/UnsubscribeNotices';
import { CertificatePanel } from './CertificatePanel';
import { DisconnectMailboxDialog } from './DisconnectMailboxDialog';
import { MailboxHealthPanel } from './MailboxHealthPanel';
import { MailboxNameForm } from './MailboxNameForm';
import { PausedNotice, PauseSendingButton } from './MailboxPause';
import { ConnectionSummary, MailboxTitle } from './MailboxSummary';
import { useMailboxCard } from './use-mailbox-card';

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
  const { busy, run, selfTest, testConnection, testToMyself, resume } = useMailboxCard(mailbox, {
    onChanged,
    onHealth,
  });
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      className="card mailbox-card"
      aria-label={mailbox.address}
      id={PLACE_IDS.mailboxCard(mailbox.id)}
      tabIndex={-1}
    >
      <div className="mailbox-head">
        <MailboxTitle mailbox={mailbox} />
        <div className="mailbox-actions">
          <PauseSendingButton mailbox={mailbox} busy={!!busy} run={run} onChanged={onChanged} />
          <button type="button" disabled={!!busy} onClick={() => void testConnection()}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" disabled={!!busy} onClick={testToMyself}>
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
      {health ? <MailboxHealthPanel health={health} busy={!!busy} onResume={resume} /> : null}
      <ConnectionSummary mailbox={mailbox} />
      <MailboxNameForm mailbox={mailbox} busy={!!busy} run={run} onChanged={onChanged} />
      {confirming ? (
        <DisconnectMailboxDialog
          mailbox={mailbox}
          onRemoved={onRemoved}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </li>
  );
}
