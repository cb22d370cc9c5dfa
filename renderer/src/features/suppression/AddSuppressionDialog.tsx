import { type FormEvent, useState } from 'react';
import { MANUAL_REASONS, type ManualReason, type SuppressionRepo } from '../../db/suppression-repo';
import { type BridgeProblem, thrownProblem } from '../../ui/bridge-problem';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';

export const REASON_LABELS: Record<string, string> = {
  manual: 'Added by hand',
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Complained (spam report)',
  erased: 'Lead erased',
  imported: 'Imported list',
};

/** Adds one address, or a whole domain, with the reason it must not be contacted. */
export function AddSuppressionDialog({
  repo,
  onClose,
  onAdded,
}: {
  repo: SuppressionRepo;
  onClose: () => void;
  onAdded: (message: string) => void;
}) {
  const [kind, setKind] = useState<'address' | 'domain'>('address');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<BridgeProblem | string>('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get('value') ?? '');
    setBusy(true);
    setProblem('');
    try {
      const { added } = await repo.add({
        kind,
        value,
        reason: String(form.get('reason')) as ManualReason,
        note: String(form.get('note') ?? ''),
      });
      onAdded(
        added ? `${value.trim()} will not be contacted again.` : `${value.trim()} was already on the list.`,
      );
      onClose();
    } catch (error) {
      setProblem(
        thrownProblem(error, 'Fairsend could not add this to the suppression list. Try again in a moment.'),
      );
      setBusy(false);
    }
  }

  return (
    <Modal title="Add to the suppression list" onClose={onClose} className="form-dialog">
      <form onSubmit={submit} className="confirm-body">
        <fieldset className="segmented">
          <legend>What to suppress</legend>
          {(['address', 'domain'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              {k === 'address' ? 'One address' : 'A whole domain'}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{kind === 'address' ? 'Email address' : 'Domain (everyone at it)'}</span>
          <input
            name="value"
            required
            data-autofocus
            autoComplete="off"
            placeholder={kind === 'address' ? 'ana@acme.com' : 'acme.com'}
          />
        </label>
        <label className="field">
          <span>Reason</span>
          <select name="reason" defaultValue="manual">
            {MANUAL_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Note (stays on this computer)</span>
          <input name="note" maxLength={500} autoComplete="off" />
        </label>
        <FormFooter problem={problem} busy={busy} onCancel={onClose} action="Add" busyAction="Adding…" />
      </form>
    </Modal>
  );
}
