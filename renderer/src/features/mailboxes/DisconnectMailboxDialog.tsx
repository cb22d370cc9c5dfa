import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { ConfirmDialog } from '../leads/dialogs/ConfirmDialog';

/** Asks before disconnecting a mailbox, which wipes its password or sign-in tokens from this computer. */
export function DisconnectMailboxDialog({
  mailbox,
  onRemoved,
  onClose,
}: {
  mailbox: MailboxInfo;
  onRemoved: () => void;
  onClose: () => void;
}) {
  const notify = useApp((s) => s.notify);

  // `mailboxes.disconnect` answers null: success is `ok`, not a non-null value.
  async function disconnect() {
    const result = await call('mailboxes.disconnect', { id: mailbox.id });
    if (!result.ok) throw new Error(bridgeProblem(result.error).text);
    onRemoved();
    notify('success', `${mailbox.address} is disconnected. Nothing more is sent from it.`);
  }

  return (
    <ConfirmDialog
      title={`Disconnect ${mailbox.address}?`}
      confirmLabel="Disconnect"
      onConfirm={disconnect}
      onClose={onClose}
    >
      <p>
        {mailbox.kind === 'smtp' ? 'Its password is' : 'Its sign-in tokens are'} wiped from this computer. You
        can connect it again at any time.
      </p>
    </ConfirmDialog>
  );
}
