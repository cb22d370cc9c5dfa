import type { SendPreview } from '../../../../shared/ipc/send';
import { GatePanel } from './GatePanel';
import { MessagePreview } from './MessagePreview';
import type { ComposeTab } from './use-compose-dialog';
import type { GatePreviewState } from './use-gate-preview';

/** Compose's side: the gate's checks on the draft, or exactly what would be sent, one tab at a time. */
export function CheckOrPreview({
  tab,
  onTab,
  gate,
  preview,
  mailboxId,
}: {
  tab: ComposeTab;
  onTab: (tab: ComposeTab) => void;
  gate: GatePreviewState;
  /** the newest answer (kept while the next one is checked) */
  preview: SendPreview | null;
  mailboxId: string;
}) {
  return (
    <div className="compose-side">
      <div role="tablist" aria-label="Check or preview" className="segmented">
        {(['checks', 'preview'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'chip on' : 'chip'}
            onClick={() => onTab(t)}
          >
            {t === 'checks' ? 'Checks' : 'Preview'}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="compose-panel">
        {gate.state === 'error' ? <p className="error">{gate.message}</p> : null}
        {tab === 'checks' ? (
          <GatePanel gate={preview} checking={gate.state === 'checking'} mailboxId={mailboxId} />
        ) : preview?.message ? (
          <MessagePreview message={preview.message} />
        ) : (
          <p className="muted">
            {preview
              ? 'Nothing can be assembled until the blocking reasons are fixed.'
              : 'Pick a lead and a mailbox.'}
          </p>
        )}
      </div>
    </div>
  );
}
