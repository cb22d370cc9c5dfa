import { useCallback, useEffect, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { EmptyState } from '../../app/EmptyState';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { ConnectSmtpDialog } from './ConnectSmtpDialog';
import { MailboxCard } from './MailboxCard';

export function MailboxesScreen() {
  const notify = useApp((s) => s.notify);
  const [mailboxes, setMailboxes] = useState<MailboxInfo[] | null>(null);
  const [connecting, setConnecting] = useState(false);

  const refresh = useCallback(async () => {
    const result = await call('mailboxes.list', {});
    if (result.ok) setMailboxes(result.value);
    else notify('error', result.error.message);
  }, [notify]);

  useEffect(() => void refresh(), [refresh]);

  const replace = (next: MailboxInfo) =>
    setMailboxes((all) => (all ?? []).map((m) => (m.id === next.id ? next : m)));

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Mailboxes</h1>
        <button type="button" className="primary" onClick={() => setConnecting(true)}>
          Connect SMTP mailbox
        </button>
      </header>
      {mailboxes?.length === 0 ? (
        <EmptyState title="No mailbox connected">
          Fairsend sends through your own mailbox. Connect one over SMTP (any provider, with a password or app
          password); Gmail and Outlook sign-in follow the same path. Your password stays sealed in this
          computer's keyring and never reaches this window.
        </EmptyState>
      ) : (
        <ul className="mailbox-list" aria-label="Connected mailboxes">
          {(mailboxes ?? []).map((m) => (
            <MailboxCard
              key={m.id}
              mailbox={m}
              onChanged={replace}
              onRemoved={() => setMailboxes((all) => (all ?? []).filter((x) => x.id !== m.id))}
            />
          ))}
        </ul>
      )}
      {connecting ? (
        <ConnectSmtpDialog
          onClose={() => setConnecting(false)}
          onConnected={(m) => {
            setConnecting(false);
            setMailboxes((all) => [...(all ?? []), m]);
            notify('success', `${m.address} is connected.`);
          }}
        />
      ) : null}
    </div>
  );
}
