import { useMemo, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { LeadDoc } from '../../db/schemas/leads';
import type { SequenceFields, SequenceStep } from '../../db/sequences-repo';
import { GatePanel } from '../compose/GatePanel';
import { LeadPicker } from '../compose/LeadPicker';
import { MessagePreview } from '../compose/MessagePreview';
import { useGatePreview } from '../compose/use-gate-preview';
import { variantLetter } from './editor-steps';
import { previewDraft } from './preview-draft';

/**
 * A step as one lead would get it: the templates filled in with the lead (as edited, before saving), then
 * `send.preview` shows what the gate would send — headers, both bodies with the footer and unsubscribe
 * link — with its score and reasons. Nothing is sent.
 */
export function PreviewPanel({
  steps,
  schedule,
  mailboxIds,
  mailboxes,
  company,
}: {
  steps: SequenceStep[];
  schedule: SequenceFields['schedule'];
  mailboxIds: readonly string[];
  mailboxes: MailboxInfo[] | null;
  company: string;
}) {
  const [stepIndex, setStepIndex] = useState(0);
  const [variant, setVariant] = useState(0);
  const [lead, setLead] = useState<LeadDoc | null>(null);
  const [mailboxId, setMailboxId] = useState('');
  const choices = (mailboxes ?? []).filter((m) => !mailboxIds.length || mailboxIds.includes(m.id));
  const mailbox = choices.find((m) => m.id === mailboxId) ?? choices[0];
  const index = Math.min(stepIndex, steps.length - 1);
  const variants = steps[index]?.variants.length ?? 0;

  const made = useMemo(
    () =>
      lead && mailbox
        ? previewDraft({ steps, schedule, stepIndex: index, variant, lead, mailbox, company })
        : null,
    [steps, schedule, index, variant, lead, mailbox, company],
  );
  const gate = useGatePreview(made?.ok ? made.draft : null);
  const preview = gate.state === 'done' ? gate.preview : gate.state === 'checking' ? gate.last : null;

  return (
    <section className="card preview-panel" aria-label="Preview">
      <h2>Preview</h2>
      <div className="schedule-row">
        <label className="field">
          <span>Step</span>
          <select value={index} onChange={(e) => setStepIndex(Number(e.target.value))}>
            {steps.map((s, i) => (
              <option key={s.id} value={i}>
                Step {i + 1}
              </option>
            ))}
          </select>
        </label>
        {variants ? (
          <label className="field">
            <span>Variant</span>
            <select
              value={Math.min(variant, variants - 1)}
              onChange={(e) => setVariant(Number(e.target.value))}
            >
              {Array.from({ length: variants }, (_, k) => (
                <option key={variantLetter(k)} value={k}>
                  {variantLetter(k)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {choices.length > 1 ? (
          <label className="field">
            <span>From</span>
            <select value={mailbox?.id ?? ''} onChange={(e) => setMailboxId(e.target.value)}>
              {choices.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.address}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {lead ? (
        <p>
          For <strong>{lead.email}</strong>{' '}
          <button type="button" className="link" onClick={() => setLead(null)}>
            Another lead
          </button>
        </p>
      ) : (
        <LeadPicker onPick={setLead} />
      )}
      {!mailbox ? <p className="muted">Connect a mailbox to see what would be sent.</p> : null}
      {made && !made.ok ? (
        <div className="error" role="alert">
          <p>This lead's email cannot be filled in:</p>
          <ul>
            {made.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {gate.state === 'error' ? <p className="error">{gate.message}</p> : null}
      {made?.ok ? (
        <>
          <GatePanel gate={preview} checking={gate.state === 'checking'} mailboxId={mailbox?.id} />
          {index > 0 && steps[index]?.threadWithPrevious ? (
            <p className="muted">
              When it is sent, it also carries the earlier emails' Message-IDs (In-Reply-To and References),
              so it lands in the same thread.
            </p>
          ) : null}
          {preview?.message ? <MessagePreview message={preview.message} /> : null}
        </>
      ) : null}
    </section>
  );
}
