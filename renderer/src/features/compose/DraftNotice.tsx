import { draftTime } from './draft-rules';

/** Says that Compose opened with the lead's saved draft, and offers to start over without it. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: number; onDiscard: () => void }) {
  return (
    <p className="draft-notice" role="status">
      Draft from {draftTime(savedAt)} restored.{' '}
      <button type="button" className="link" onClick={onDiscard}>
        Discard draft
      </button>
    </p>
  );
}
