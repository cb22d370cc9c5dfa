import { useEffect, useState } from 'react';
import type { LeadDoc } from '../../db/schemas/leads';
import { useServices } from '../../services/use-services';
import { useDebounced } from '../leads/hooks/use-debounced';
import '../suppression/suppressed-notice.css';

const SHOWN = 8;

/** Finds the lead to write to by address, name or company (the leads list's prefix search). */
export function LeadPicker({ onPick }: { onPick: (lead: LeadDoc) => void }) {
  const { leadLists } = useServices();
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 200);
  const [found, setFound] = useState<LeadDoc[] | null>(null);

  useEffect(() => {
    if (!search) {
      setFound(null);
      return;
    }
    let live = true;
    void (async () => {
      const list = await leadLists.open({ search });
      await list.load(0, Math.min(SHOWN, list.total));
      const rows: LeadDoc[] = [];
      for (let i = 0; i < Math.min(SHOWN, list.total); i++) {
        const row = list.peek(i);
        if (row) rows.push(row);
      }
      if (live) setFound(rows);
    })();
    return () => {
      live = false;
    };
  }, [leadLists, search]);

  return (
    <div className="lead-picker">
      <label className="field">
        <span>To (search your leads by address, name or company)</span>
        <input
          data-autofocus
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="ana@acme.com"
          autoComplete="off"
        />
      </label>
      {found?.length === 0 ? (
        <p className="muted">No lead matches. Add the lead on the Leads screen first.</p>
      ) : null}
      {found?.length ? (
        <ul className="picker-results" aria-label="Matching leads">
          {found.map((lead) => (
            <li key={lead.id}>
              <button type="button" className="ghost" onClick={() => onPick(lead)}>
                <strong>{lead.email}</strong>{' '}
                <span className="muted">
                  {`${lead.firstName} ${lead.lastName}`.trim()} {lead.company ? `· ${lead.company}` : ''}
                </span>
                {lead.suppressedBy ? <span className="badge suppressed"> Suppressed</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
