import { type ReactNode, useState } from 'react';
import { FormFooter } from '../../../ui/FormFooter';
import { Modal } from '../../../ui/Modal';

/** Asks before something that cannot be undone; `typeToConfirm` makes the user type a word first. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  typeToConfirm,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const ready = !typeToConfirm || typed.trim() === typeToConfirm;

  async function confirm() {
    setBusy(true);
    setProblem('');
    try {
      await onConfirm();
      onClose();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose} className="confirm-dialog">
      <form
        className="confirm-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) void confirm();
        }}
      >
        <div>{children}</div>
        {typeToConfirm ? (
          <label className="field">
            <span>
              Type <strong>{typeToConfirm}</strong> to confirm
            </span>
            <input
              data-autofocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        ) : null}
        <FormFooter
          problem={problem}
          busy={busy}
          onCancel={onClose}
          tone="danger"
          disabled={!ready}
          autoFocusAction={!typeToConfirm}
          action={confirmLabel}
          busyAction="Working…"
        />
      </form>
    </Modal>
  );
}
