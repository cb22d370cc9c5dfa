import { Modal } from '../../ui/Modal';

/**
 * Asked when Compose closes (Cancel, Escape, the window) with text the rep typed: keep it as the lead's draft
 * (the default, focused), throw it away, or go back to it. Escape here means "go back".
 */
export function KeepDraftDialog({
  busy,
  onKeep,
  onDiscard,
  onBack,
}: {
  busy: boolean;
  onKeep: () => void;
  onDiscard: () => void;
  onBack: () => void;
}) {
  return (
    <Modal title="Keep this email as a draft?" onClose={onBack} className="confirm-dialog">
      <p>
        A draft stays on this computer. Compose for this lead opens it again, and the lead’s details show it.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onBack} disabled={busy}>
          Go back to editing
        </button>
        <button type="button" className="danger" onClick={onDiscard} disabled={busy}>
          Discard
        </button>
        <button type="button" className="primary" onClick={onKeep} disabled={busy} data-autofocus>
          Keep as draft
        </button>
      </div>
    </Modal>
  );
}
