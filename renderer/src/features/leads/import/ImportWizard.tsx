// Placeholder: the CSV import wizard is being written (see run-import.ts for the pipeline it drives).
export function ImportWizard({ onClose }: { onClose: () => void }) {
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Import leads">
        <p>Import is not available yet.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
