import { useEffect, useState } from 'react';
import type { DraftDoc } from '../../../db/schemas/drafts';
import { useServices } from '../../../services/use-services';
import { draftTime } from '../../compose/draft-rules';

/** The lead's unsent email, if there is one: its subject, when it was saved, and a way back into it. */
export function LeadDraft({ leadId, onOpen }: { leadId: string; onOpen: () => void }) {
  const { drafts } = useServices();
  const [draft, setDraft] = useState<DraftDoc | null>(null);
  useEffect(() => drafts.watch(leadId, setDraft), [drafts, leadId]);
  if (!draft || draft.leadId !== leadId) return null;
  return (
    <p className="lead-draft">
      <span>
        Draft: <strong>{draft.subject.trim() || '(no subject)'}</strong>{' '}
        <span className="muted">saved {draftTime(draft.updatedAt)}</span>
      </span>{' '}
      <button type="button" className="link" onClick={onOpen} aria-label="Open the draft">
        Open
      </button>
    </p>
  );
}
