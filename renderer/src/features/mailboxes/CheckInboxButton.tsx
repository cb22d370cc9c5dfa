import { useState } from 'react';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { inboxSummaryText } from './inbox-summary';

/** Reads every mailbox's inbox now (main also does so every few minutes) and applies what it found. */
export function CheckInboxButton({ onChecked }: { onChecked?: () => void }) {
  const { inbox } = useServices();
  const notify = useApp((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    try {
      const result = await inbox.checkNow();
      if (!result.ok) notify('error', bridgeProblem(result.error).text);
      else notify(result.value.problems.length ? 'error' : 'success', inboxSummaryText(result.value));
      onChecked?.();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" disabled={busy} aria-busy={busy} onClick={() => void check()}>
      {busy ? 'Checking inbox…' : 'Check inbox now'}
    </button>
  );
}
