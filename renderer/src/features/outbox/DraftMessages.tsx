import { useEffect, useState } from 'react';
import type { DraftDoc } from '../../db/schemas/drafts';
import type { LeadDoc } from '../../db/schemas/leads';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { ComposeDialog } from '../compose/ComposeDialog';
import { draftTime } from '../compose/draft-rules';

/** Emails the rep began and did not send, newest first, each a click away from Compose. */
export function DraftMessages() {
  const { drafts, leads } = useServices();
  const notify = useApp((s) => s.notify);
  const [items, setItems] = useState<DraftDoc[]>([]);
  const [open, setOpen] = useState<LeadDoc | null>(null);

  useEffect(() => drafts.watchAll(setItems), [drafts]);

  async function compose(draft: DraftDoc) {
    const lead = await leads.get(draft.leadId);
    if (lead) setOpen(lead);
    else notify('error', 'The lead of this draft no longer exists.');
  }

  if (items.length === 0 && !open) return null;
  return (
    <section className="card drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Drafts ({items.length})</h2>
      <ul className="held-list" aria-label="Drafts">
        {items.map((draft) => (
          <li key={draft.leadId} className="held-item">
            <div className="held-what">
              <strong>{draft.subject.trim() || '(no subject)'}</strong>
              <span>
                To {draft.leadId}, saved {draftTime(draft.updatedAt)}
              </span>
            </div>
            <div className="held-actions">
              <button
                type="button"
                onClick={() => void compose(draft)}
                aria-label={`Open the draft to ${draft.leadId}`}
              >
                Open
              </button>
            </div>
          </li>
        ))}
      </ul>
      {open ? <ComposeDialog lead={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
