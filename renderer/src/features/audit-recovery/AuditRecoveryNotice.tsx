import { useState } from 'react';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';
import { saveFile } from '../../ui/save-file';
import './audit-recovery.css';
import { bytesFromBase64, damagedLogFileName, noticeFor } from './recovery-text';
import { StartNewRecordDialog } from './StartNewRecordDialog';
import { useAuditStatus } from './use-audit-status';

/**
 * Shown above every screen while main refuses to extend its audit log: what was found, that sending is
 * paused, and the way out (save a copy of the damaged record for the admin, then start a new one).
 */
export function AuditRecoveryNotice() {
  const { status } = useAuditStatus();
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const notice = noticeFor(status);
  if (!notice) return null;

  if (notice.kind === 'locked')
    return (
      <section className="audit-notice card" role="status" aria-labelledby="audit-notice-title">
        <h2 id="audit-notice-title">{notice.title}</h2>
        <p>{notice.body}</p>
      </section>
    );

  async function saveCopy() {
    setBusy(true);
    setProblem('');
    const result = await call('audit.exportDamaged', {});
    setBusy(false);
    if (!result.ok) return setProblem(bridgeProblem(result.error).text);
    const name = saveFile(
      new Blob([bytesFromBase64(result.value.base64)], { type: 'application/x-ndjson' }),
      damagedLogFileName(new Date()),
    );
    setSaved(
      result.value.bytes
        ? `Saved as ${name}. Send it to your Fairsend admin.`
        : `The record’s file was empty or gone; ${name} is empty. Tell your Fairsend admin.`,
    );
  }

  return (
    <section className="audit-notice card" role="alert" aria-labelledby="audit-notice-title">
      <h2 id="audit-notice-title">{notice.title}</h2>
      <p className="warning">{notice.found}</p>
      {notice.body.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <h3>What to do</h3>
      <ol>
        <li>
          Save a copy of the damaged record and send it to your Fairsend admin.{' '}
          <button type="button" onClick={() => void saveCopy()} disabled={busy}>
            {busy ? 'Saving…' : 'Save a copy of the damaged record'}
          </button>
          {saved ? <span className="muted"> {saved}</span> : null}
        </li>
        <li>
          Start a new record. The damaged one stays on this computer, and the new record’s first entry notes
          where the old one ended and why.{' '}
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Start a new record…
          </button>
        </li>
      </ol>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {confirming ? (
        <StartNewRecordDialog
          onClose={() => setConfirming(false)}
          // A new record has a new identity: reload so the local copy starts following it from its start.
          onStarted={() => window.location.reload()}
        />
      ) : null}
    </section>
  );
}
