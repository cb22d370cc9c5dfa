import { type FormEvent, useState } from 'react';
import { thrownProblem } from '../../ui/bridge-problem';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';

/** A new name for a sequence; the list shows it at once. */
export function RenameDialog({
  name,
  onRename,
  onClose,
}: {
  name: string;
  onRename: (name: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [value, setValue] = useState(name);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) {
      setProblem('Enter a name.');
      return;
    }
    setBusy(true);
    try {
      await onRename(value);
      onClose();
    } catch (error) {
      setProblem(thrownProblem(error, 'The sequence could not be renamed. Try again.').text);
      setBusy(false);
    }
  }

  return (
    <Modal title="Rename sequence" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="seq-form">
        <label className="field">
          <span>Name</span>
          <input data-autofocus value={value} maxLength={200} onChange={(e) => setValue(e.target.value)} />
        </label>
        <FormFooter problem={problem} busy={busy} onCancel={onClose} action="Rename" busyAction="Renaming…" />
      </form>
    </Modal>
  );
}
