import { useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import type { RunAction } from './use-mailbox-card';

/** The name recipients see and the signature, saved with the card's other actions (one at a time). */
export function MailboxNameForm({
  mailbox,
  busy,
  run,
  onChanged,
}: {
  mailbox: MailboxInfo;
  busy: boolean;
  run: RunAction;
  onChanged: (m: MailboxInfo) => void;
}) {
  const notify = useApp((s) => s.notify);
  const [displayName, setDisplayName] = useState(mailbox.displayName);
  const [signature, setSignature] = useState(mailbox.signature);
  return (
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
        <button type="submit" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
