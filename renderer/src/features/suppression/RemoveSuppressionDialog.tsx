import { type FormEvent, useState } from 'react';
import type { SuppressionDoc } from '../../db/schemas/compliance';
import type { SuppressionRepo } from '../../db/suppression-repo';
import { type BridgeProblem, thrownProblem } from '../../ui/bridge-problem';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';

/** Removal needs a reason; it goes into the audit log (with the entry's key, never its address). */
export function RemoveSuppressionDialog({
  repo,
  entry,
  onClose,
  onRemoved,
}: {
  repo: SuppressionRepo;
  entry: SuppressionDoc;
  onClose: () => void;
  onRemoved: (message: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<BridgeProblem | string>('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      await repo.remove(entry.id, reason);
      onRemoved(`${entry.value} can be contacted again.`);
      onClose();
    } catch (error) {
      setProblem(
        thrownProblem(error, 'Fairsend could not take this entry off the list. Try again in a moment.'),
      );
      setBusy(false);
    }
  }

  return (
    <Modal
      title={`Remove ${entry.value} from the suppression list?`}
      onClose={onClose}
      className="confirm-dialog"
    >
      <form onSubmit={submit} className="confirm-body">
        <p>
          Anyone on your team may then email{' '}
          {entry.kind === 'domain' ? 'everyone at this domain' : 'this person'} again. Only remove an entry
          that was added by mistake or when they asked to hear from you.
        </p>
        <label className="field">
          <span>Why is it removed? (required, kept in the audit log)</span>
          <input
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            autoComplete="off"
          />
        </label>
        <FormFooter
          problem={problem}
          busy={busy}
          onCancel={onClose}
          tone="danger"
          disabled={reason.trim().length < 3}
          action="Remove"
          busyAction="Removing…"
        />
      </form>
    </Modal>
  );
}
