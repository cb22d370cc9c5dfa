import { useEffect, useRef, useState } from 'react';
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatus } from '../../../../../shared/leads/lead';
import type { LeadDoc } from '../../../db/schemas/leads';
import { useServices } from '../../../services/use-services';
import { useApp } from '../../../store';
import { ComposeDialog } from '../../compose/ComposeDialog';
import { LeadSuppressedNotice } from '../../suppression/SuppressedNotice';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { ERASE_EXPLANATION, eraseLeads } from '../erase';
import { LeadDraft } from './LeadDraft';
import { LeadForm } from './LeadForm';
import { LeadTimeline } from './LeadTimeline';
import { formFromLead } from './lead-form';
import { useLead } from './use-lead';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The side drawer for the open lead: every field, status, edit, delete and erase. */
export function LeadDetail({ id }: { id: string }) {
  const services = useServices();
  const { leads } = services;
  const openLead = useApp((s) => s.openLead);
  const notify = useApp((s) => s.notify);
  const { lead, loading } = useLead(id);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'erase' | null>(null);
  const [composing, setComposing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const close = () => openLead(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new lead starts in view mode, its heading focused.
  useEffect(() => {
    setEditing(false);
    heading.current?.focus();
  }, [id]);

  const name = lead ? `${lead.firstName} ${lead.lastName}`.trim() || lead.email : '';

  async function setStatus(status: LeadStatus) {
    if (!lead) return;
    try {
      await leads.update(lead.id, { status });
      notify('success', `${name} is now “${LEAD_STATUS_LABELS[status]}”.`);
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <aside
      className="lead-drawer"
      aria-label="Lead details"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !editing && !confirm && !composing) close();
      }}
    >
      <header className="drawer-header">
        <h2 ref={heading} tabIndex={-1}>
          {loading ? 'Loading…' : lead ? name : 'Lead not found'}
        </h2>
        <button type="button" className="ghost" onClick={close} aria-label="Close lead details">
          ×
        </button>
      </header>
      {!loading && !lead ? <p className="muted">This lead was deleted or erased.</p> : null}
      {lead && editing ? (
        <LeadForm
          initial={formFromLead(lead)}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (fields) => {
            const saved = await leads.update(lead.id, fields);
            setEditing(false);
            if (saved.id !== lead.id) openLead(saved.id);
            notify('success', 'Lead saved.');
          }}
        />
      ) : null}
      {lead && !editing ? (
        <LeadFacts lead={lead} onStatus={(s) => void setStatus(s)}>
          <div className="drawer-actions">
            <button type="button" className="primary" onClick={() => setComposing(true)}>
              Compose
            </button>
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="danger" onClick={() => setConfirm('delete')}>
              Delete
            </button>
            <button type="button" className="danger" onClick={() => setConfirm('erase')}>
              Erase
            </button>
          </div>
          <LeadDraft leadId={lead.id} onOpen={() => setComposing(true)} />
          <LeadTimeline leadId={lead.id} />
        </LeadFacts>
      ) : null}
      {lead && composing ? <ComposeDialog lead={lead} onClose={() => setComposing(false)} /> : null}
      {lead && confirm === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${name}?`}
          confirmLabel="Delete"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            await leads.remove([lead.id]);
            close();
            notify('success', `Deleted ${name}.`);
          }}
        >
          The lead leaves your list; a later import can add it again. To make sure this person is never
          contacted again, use Erase instead.
        </ConfirmDialog>
      ) : null}
      {lead && confirm === 'erase' ? (
        <ConfirmDialog
          title={`Erase ${name}?`}
          confirmLabel="Erase for good"
          typeToConfirm="ERASE"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            await eraseLeads(services, [lead.id]);
            close();
            notify('success', 'Lead erased. Only a hashed suppression entry remains.');
          }}
        >
          {ERASE_EXPLANATION}
        </ConfirmDialog>
      ) : null}
    </aside>
  );
}

function LeadFacts({
  lead,
  onStatus,
  children,
}: {
  lead: LeadDoc;
  onStatus: (status: LeadStatus) => void;
  children: React.ReactNode;
}) {
  const custom = Object.entries(lead.custom);
  return (
    <div className="drawer-body">
      <LeadSuppressedNotice lead={lead} />
      {children}
      <label className="field">
        <span>Status</span>
        <select value={lead.status} onChange={(e) => onStatus(e.target.value as LeadStatus)}>
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LEAD_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{lead.email}</dd>
        <dt>First name</dt>
        <dd>{lead.firstName || '—'}</dd>
        <dt>Last name</dt>
        <dd>{lead.lastName || '—'}</dd>
        <dt>Company</dt>
        <dd>{lead.company || '—'}</dd>
        <dt>Title</dt>
        <dd>{lead.title || '—'}</dd>
        <dt>Time zone</dt>
        <dd>{lead.timezone || 'Not set (the mailbox’s zone is used)'}</dd>
        <dt>Tags</dt>
        <dd>
          {lead.tags.length
            ? lead.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))
            : '—'}
        </dd>
        <dt>Source</dt>
        <dd>{lead.source}</dd>
        <dt>Added</dt>
        <dd>{WHEN.format(lead.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{WHEN.format(lead.updatedAt)}</dd>
      </dl>
      {custom.length ? (
        <>
          <h3>Custom fields</h3>
          <dl className="facts custom-facts">
            {custom.map(([key, value]) => (
              <div key={key} className="fact-pair">
                <dt>{key}</dt>
                <dd>{value || '—'}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}
