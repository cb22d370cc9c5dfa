import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';

const PROVIDER_LABEL: Record<MailboxInfo['provider'], string> = {
  gmail: 'Gmail',
  'google-workspace': 'Google Workspace',
  'outlook-com': 'Outlook.com',
  'microsoft-365': 'Microsoft 365',
  smtp: 'SMTP',
};

/** The card's title: the address, its provider, whether it works, and whether the rep paused it. */
export function MailboxTitle({ mailbox }: { mailbox: MailboxInfo }) {
  const healthy = mailbox.lastError === null;
  return (
    <div>
      <strong>{mailbox.address}</strong> <span className="badge">{PROVIDER_LABEL[mailbox.provider]}</span>{' '}
      <span className={`badge ${healthy ? 'replied' : 'bounced'}`} data-testid="mailbox-health">
        {healthy ? 'Healthy' : 'Needs attention'}
      </span>
      {mailbox.pausedAt !== undefined ? <span className="badge verdict-warn">Paused by you</span> : null}
    </div>
  );
}

/** How the mailbox connects (SMTP server, IMAP) and the DKIM selectors and SPF includes set for it. */
export function ConnectionSummary({ mailbox }: { mailbox: MailboxInfo }) {
  const { smtp, senderAuth } = mailbox;
  return (
    <>
      {smtp ? (
        <p className="muted">
          {smtp.host}:{smtp.port} · {smtp.security === 'tls' ? 'TLS' : 'STARTTLS'}
          {smtp.localRelay ? ' · local relay' : ''}
          {smtp.imap ? ` · IMAP ${smtp.imap.host}:${smtp.imap.port}` : ' · no IMAP'}
        </p>
      ) : null}
      {senderAuth?.dkimSelectors.length || senderAuth?.spf.length ? (
        <p className="muted" data-testid="sender-auth-summary">
          {senderAuth.dkimSelectors.length ? `DKIM selector ${senderAuth.dkimSelectors.join(', ')}` : ''}
          {senderAuth.dkimSelectors.length && senderAuth.spf.length ? ' · ' : ''}
          {senderAuth.spf.length ? `SPF ${senderAuth.spf.join(' ')}` : ''}
        </p>
      ) : null}
    </>
  );
}
