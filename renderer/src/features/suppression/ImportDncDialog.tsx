import { useState } from 'react';
import { parseDncCsv } from '../../db/dnc-csv';
import { type ImportSummary, SuppressionInputError, type SuppressionRepo } from '../../db/suppression-repo';
import { thrownProblem } from '../../ui/bridge-problem';
import { Modal } from '../../ui/Modal';

const SHOWN_PROBLEMS = 50;

/** Imports a do-not-contact CSV: one address or domain per row; says what was added and which rows were not. */
export function ImportDncDialog({ repo, onClose }: { repo: SuppressionRepo; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  async function importFile(file: File) {
    setBusy(true);
    setProblem('');
    try {
      const parsed = parseDncCsv(await file.text());
      if (!parsed.values.length && !parsed.invalid.length)
        throw new SuppressionInputError('The file has no rows.');
      setSummary(await repo.importValues(parsed.values, parsed.invalid));
    } catch (error) {
      setProblem(thrownProblem(error, 'The list could not be imported. Check the file and try again.').text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="Import a do-not-contact list" onClose={onClose} className="form-dialog">
      <div className="confirm-body">
        {summary ? (
          <div role="status" data-testid="dnc-summary">
            <p>
              Added <strong>{summary.added.toLocaleString()}</strong>; already on the list{' '}
              {summary.alreadyPresent.toLocaleString()}; repeated in the file{' '}
              {summary.duplicates.toLocaleString()}; invalid rows {summary.invalid.length.toLocaleString()}.
            </p>
            {summary.invalid.length ? (
              <ul className="import-problems" aria-label="Invalid rows">
                {summary.invalid.slice(0, SHOWN_PROBLEMS).map((p) => (
                  <li key={p.row}>
                    Row {p.row}: “{p.value}” — {p.message}
                  </li>
                ))}
                {summary.invalid.length > SHOWN_PROBLEMS ? (
                  <li>…and {summary.invalid.length - SHOWN_PROBLEMS} more.</li>
                ) : null}
              </ul>
            ) : null}
          </div>
        ) : (
          <>
            <p className="muted">
              A CSV with one email address or domain per row, in the first column or in a column named “email”
              or “domain”. Domains suppress everyone at them.
            </p>
            <label className="field">
              <span>CSV file</span>
              <input
                type="file"
                accept=".csv,text/csv,text/plain"
                data-autofocus
                disabled={busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void importFile(file);
                }}
              />
            </label>
            {busy ? <p role="status">Importing…</p> : null}
          </>
        )}
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className={summary ? 'primary' : ''} onClick={onClose} disabled={busy}>
            {summary ? 'Done' : 'Cancel'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
