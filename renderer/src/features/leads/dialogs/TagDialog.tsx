import { useId, useState } from 'react';
import { LEAD_LIMITS, normalizeTag } from '../../../../../shared/leads/lead';
import { FormFooter } from '../../../ui/FormFooter';
import { Modal } from '../../../ui/Modal';

/** Asks for one tag to add to or remove from the selected leads; suggests the tags in use. */
export function TagDialog({
  mode,
  count,
  known,
  onApply,
  onClose,
}: {
  mode: 'add' | 'remove';
  count: number;
  known: string[];
  onApply: (tag: string) => Promise<void>;
  onClose: () => void;
}) {
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const listId = useId();
  const clean = normalizeTag(tag);
  const leads = `${count.toLocaleString()} lead${count === 1 ? '' : 's'}`;

  async function apply() {
    if (!clean) {
      setProblem('Type a tag.');
      return;
    }
    setBusy(true);
    try {
      await onApply(clean);
      onClose();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <Modal title={mode === 'add' ? `Add a tag to ${leads}` : `Remove a tag from ${leads}`} onClose={onClose}>
      <form
        className="confirm-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void apply();
        }}
      >
        <label className="field">
          <span>Tag (lower case; at most {LEAD_LIMITS.tags} per lead)</span>
          <input
            data-autofocus
            list={listId}
            value={tag}
            maxLength={LEAD_LIMITS.tag}
            onChange={(e) => {
              setTag(e.target.value);
              setProblem('');
            }}
            aria-invalid={problem ? true : undefined}
          />
          <datalist id={listId}>
            {known.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
        <FormFooter
          problem={problem}
          busy={busy}
          onCancel={onClose}
          action={mode === 'add' ? 'Add tag' : 'Remove tag'}
        />
      </form>
    </Modal>
  );
}
