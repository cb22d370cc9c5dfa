import { groupProblems, rowsLabel } from './problem-groups';
import { downloadProblems } from './problems-csv';
import type { ImportProgress, ImportSummary } from './run-import';

const n = (value: number) => value.toLocaleString('en-US');
const SHOWN_PROBLEMS = 100;

/** Step 5: the running import. */
export function ImportingView({
  progress,
  startedAt,
  onCancel,
}: {
  progress: ImportProgress;
  startedAt: number;
  onCancel: () => void;
}) {
  const seconds = Math.max(0.001, (performance.now() - startedAt) / 1000);
  const rate = Math.round(progress.rowsRead / seconds);
  return (
    <>
      <progress
        aria-label="Import progress"
        value={progress.bytesRead}
        max={Math.max(1, progress.totalBytes)}
      />
      <p aria-live="polite">
        {n(progress.rowsRead)} rows read · {n(progress.inserted + progress.merged)} stored · {n(rate)} rows/s
      </p>
      <div className="dialog-actions">
        <button type="button" className="danger" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </>
  );
}

/** Step 6: what happened, and the problems, each kind once with its rows; every row is in the download. */
export function SummaryView({ summary, onClose }: { summary: ImportSummary; onClose: () => void }) {
  const stored = summary.inserted + summary.merged;
  const groups = groupProblems(summary.problems);
  const shown = groups.slice(0, SHOWN_PROBLEMS);
  return (
    <>
      {summary.cancelled && (
        <p role="status">Import cancelled. The {n(stored)} leads stored before you cancelled were kept.</p>
      )}
      {summary.error && (
        <p className="error" role="alert">
          The import stopped: {summary.error}
        </p>
      )}
      <dl className="facts">
        <dt>Imported</dt>
        <dd data-testid="import-inserted">{n(summary.inserted)}</dd>
        <dt>Updated</dt>
        <dd data-testid="import-merged">{n(summary.merged)}</dd>
        <dt>Skipped</dt>
        <dd data-testid="import-skipped">{n(summary.skipped)}</dd>
        <dt>Invalid</dt>
        <dd data-testid="import-invalid">{n(summary.invalid)}</dd>
        <dt>Time</dt>
        <dd>{(summary.durationMs / 1000).toFixed(1)} s</dd>
      </dl>
      {shown.length > 0 && (
        <section aria-label="Row problems">
          <h3>
            Row problems{' '}
            {groups.length > SHOWN_PROBLEMS && (
              <span className="muted">
                (first {SHOWN_PROBLEMS} of {n(groups.length)}
                {summary.problemsTruncated ? '+' : ''})
              </span>
            )}
          </h3>
          <ul className="import-problems">
            {shown.map((group) => (
              <li
                key={`${group.rows[0]}-${group.code}`}
                className={group.kind === 'rejected' ? 'error' : undefined}
              >
                {group.text}
                {group.count > 1 && <span className="muted"> ({rowsLabel(group)})</span>}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => downloadProblems(summary.problems, summary.headers)}>
            Download all problems (import-problems.csv)
          </button>
          {summary.problemsTruncated && (
            <p className="muted">
              There were more problems than could be listed; the counts above are exact.
            </p>
          )}
        </section>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
