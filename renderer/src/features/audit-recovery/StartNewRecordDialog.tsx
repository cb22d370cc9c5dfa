import { type FormEvent, useState } from 'react';
import { call } from '../../bridge/client';
import { type BridgeProblem, bridgeProblem } from '../../ui/bridge-problem';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';
import { canStartNewRecord } from './recovery-text';

/** The explicit confirmation: a note for the record and a tick that the rep understands what happens. */
export function StartNewRecordDialog({ onClose, onStarted }: { onClose: () => void; onStarted: () => void }) {
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<BridgeProblem | string>('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setProblem('');
    const result = await call('audit.startNewChain', { confirmed, note });
    if (!result.ok) {
      setBusy(false);
      return setProblem(bridgeProblem(result.error, { note: 'What happened?' }));
    }
    onStarted();
  }

  return (
    <Modal title="Start a new activity record?" onClose={onClose} className="confirm-dialog">
      <form onSubmit={submit} className="confirm-body">
        <p>
          Fairsend sets the damaged record aside on this computer (nothing is deleted) and starts a new one.
          Its first entry notes where the old record ended, what was wrong with it and what you write below.
          Sending resumes afterwards.
        </p>
        <label className="field">
          <span>What happened? (kept in the new record; no email addresses)</span>
          <input
            data-autofocus
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={200}
            autoComplete="off"
            placeholder="For example: I restored my computer from a backup"
          />
        </label>
        <label>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I
          have saved a copy of the damaged record, or I do not need one.
        </label>
        <FormFooter
          problem={problem}
          busy={busy}
          onCancel={onClose}
          tone="danger"
          disabled={!canStartNewRecord(note, confirmed)}
          action="Start a new record"
          busyAction="Starting…"
        />
      </form>
    </Modal>
  );
}
