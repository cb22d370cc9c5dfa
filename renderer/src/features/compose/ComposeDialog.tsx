import { useEffect, useMemo, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { GateVerdict, SendDraft } from '../../../../shared/ipc/send';
import { call } from '../../bridge/client';
import type { LeadDoc } from '../../db/schemas/leads';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { bridgeProblem, thrownProblem } from '../../ui/bridge-problem';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';
import { isListed, SuppressedNotice, useLeadEntries } from '../suppression/SuppressedNotice';
import { bodyToHtml } from './body-html';
import { DraftNotice } from './DraftNotice';
import { draftGoesAfter } from './draft-rules';
import { GatePanel } from './GatePanel';
import { KeepDraftDialog } from './KeepDraftDialog';
import { LeadPicker } from './LeadPicker';
import { MessagePreview } from './MessagePreview';
import {
  heldForLater,
  heldForLaterText,
  scheduleCompose,
  scheduleTimeOf,
  sendLabel,
} from './schedule-compose';
import { sendCompose } from './send-compose';
import { useComposeDraft } from './use-compose-draft';
import { useGatePreview } from './use-gate-preview';

/**
 * A one-off email to one lead (a first touch: no reply-in-thread here). The gate checks the draft as the rep
 * types and shows its verdict, score and reasons; Preview shows exactly what would be sent. Sending goes
 * through `send.message` like every other email; a blocked draft cannot be sent.
 * What the rep types is kept as the lead's draft (use-compose-draft.ts); closing with new text asks first.
 */
export function ComposeDialog({ lead: fixedLead, onClose }: { lead?: LeadDoc; onClose: () => void }) {
  const { leads, messages, audit, scheduled } = useServices();
  const notify = useApp((s) => s.notify);
  const go = useApp((s) => s.go);
  const [lead, setLead] = useState<LeadDoc | null>(fixedLead ?? null);
  const [mailboxes, setMailboxes] = useState<MailboxInfo[] | null>(null);
  const [mailboxId, setMailboxId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [tab, setTab] = useState<'checks' | 'preview'>('checks');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  // One key per dialog: a double click, or a retry after a lost answer, cannot send twice.
  const [key] = useState(() => `compose:${crypto.randomUUID()}`);
  const { drafts } = useServices();
  const [leaving, setLeaving] = useState<'dialog' | 'window' | null>(null);
  const [answering, setAnswering] = useState(false);
  const fields = useMemo(() => ({ mailboxId, subject, body }), [mailboxId, subject, body]);
  const saved = useComposeDraft({
    drafts,
    leadId: lead?.id ?? null,
    fields,
    apply: (f) => {
      setMailboxId((id) => f.mailboxId || id);
      setSubject(f.subject);
      setBody(f.body);
    },
    onWindowAsk: () => setLeaving('window'),
  });

  /** Cancel, Escape: with typed text, ask first; otherwise close (what is there is kept as the draft). */
  function requestClose() {
    if (busy) return;
    if (saved.asks) setLeaving('dialog');
    else onClose();
  }

  async function leave(how: 'keep' | 'discard') {
    setAnswering(true);
    try {
      await (how === 'keep' ? saved.keep() : saved.discard());
      if (leaving === 'window') saved.closeWindow();
      else onClose();
    } catch (error) {
      setProblem(thrownProblem(error, 'Your draft could not be saved or discarded. Try again.').text);
      setLeaving(null);
    } finally {
      setAnswering(false);
    }
  }

  /** Another lead: the email so far stays with the first one as its draft. */
  async function changeLead() {
    if (lead && saved.asks) notify('info', `Your email to ${lead.email} is kept as a draft.`);
    await saved.keep();
    setSubject('');
    setBody('');
    setLead(null);
  }

  useEffect(() => {
    void call('mailboxes.list', {}).then((r) => {
      if (!r.ok) return setProblem(bridgeProblem(r.error).text);
      setMailboxes(r.value);
      // a draft's mailbox may since have been disconnected
      setMailboxId((id) => (r.value.some((m) => m.id === id) ? id : (r.value[0]?.id ?? '')));
    });
  }, []);

  // a restored draft's mailbox may have been disconnected since (whichever of the two was read first)
  useEffect(() => {
    const first = mailboxes?.[0];
    if (first && !mailboxes.some((m) => m.id === mailboxId)) setMailboxId(first.id);
  }, [mailboxes, mailboxId]);

  const draft = useMemo((): SendDraft | null => {
    if (!lead || !mailboxId) return null;
    const name = `${lead.firstName} ${lead.lastName}`.trim();
    return {
      mailboxId,
      to: lead.email,
      ...(name ? { toName: name } : {}),
      subject,
      html: bodyToHtml(body),
      text: body,
      isFirstTouch: true,
      kind: 'one-off',
      ...(lead.timezone ? { leadTimeZone: lead.timezone } : {}),
    };
  }, [lead, mailboxId, subject, body]);

  const gate = useGatePreview(draft);
  // main held a plain Send for the cap or the window (schedule-compose.ts); a changed draft is checked afresh
  const [heldFor, setHeldFor] = useState<GateVerdict | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: any change to the draft clears main's old answer.
  useEffect(() => setHeldFor(null), [draft]);
  const preview = gate.state === 'done' ? gate.preview : gate.state === 'checking' ? gate.last : null;
  const upToDate = gate.state === 'done';
  // a suppressed lead is said so before anything is typed, and Send stays off (main's gate blocks it anyway)
  const listed = useLeadEntries(lead);
  const suppressed = isListed(lead, listed);
  // held only by the daily cap or the send window: Send schedules it instead (schedule-compose.ts)
  const scheduleGate = heldFor ?? (scheduleTimeOf(preview) !== undefined ? preview : null);
  const scheduleAt = scheduleGate?.scheduleAt;
  const blocked = !preview || (preview.verdict === 'block' && scheduleAt === undefined);

  async function send() {
    if (!draft || !lead || busy) return;
    setBusy(true);
    setProblem('');
    try {
      if (scheduleGate) {
        notify('success', await scheduleCompose(key, draft, lead, scheduleGate, scheduled));
        await saved.discard(); // the Outbox holds the email now
        onClose();
        return;
      }
      const result = await sendCompose(key, draft, lead, { messages, leads, audit });
      if (!result.outcome) {
        setProblem(result.text);
        return;
      }
      const later = heldForLater(result.outcome);
      if (later) {
        setHeldFor(later); // the dialog stays: Send now offers main's time
        setProblem(heldForLaterText(later));
        return;
      }
      const goes = draftGoesAfter(result.outcome);
      await (goes ? saved.discard() : saved.keep());
      notify(result.tone, goes ? result.text : `${result.text} Your email is kept as a draft.`);
      onClose();
    } catch (error) {
      setProblem(
        thrownProblem(
          error,
          'Something went wrong while sending. Check the Outbox before you try again: the email may have gone out.',
        ).text,
      );
    } finally {
      setBusy(false);
    }
  }

  const noMailbox = mailboxes?.length === 0;
  return (
    <Modal title="New email" onClose={requestClose} className="compose-dialog">
      <form
        className="compose-body"
        // Enter in the subject must not send: only the Send button does.
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="compose-fields">
          {lead ? <SuppressedNotice lead={lead} entries={listed} /> : null}
          {saved.restoredAt !== null ? (
            <DraftNotice savedAt={saved.restoredAt} onDiscard={() => void saved.startOver()} />
          ) : null}
          {saved.problem ? <p className="error">{saved.problem}</p> : null}
          {noMailbox ? (
            <p className="warning" role="alert">
              Connect a mailbox before you send: Fairsend sends through your own mailbox.{' '}
              <button type="button" className="link" onClick={() => go('mailboxes')}>
                Go to Mailboxes
              </button>
            </p>
          ) : (
            <label className="field">
              <span>From</span>
              <select value={mailboxId} onChange={(e) => setMailboxId(e.target.value)} disabled={!mailboxes}>
                {(mailboxes ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName} &lt;{m.address}&gt;
                  </option>
                ))}
              </select>
            </label>
          )}
          {lead ? (
            <label className="field">
              <span>To</span>
              <span className="to-line">
                <input value={lead.email} readOnly aria-readonly="true" />
                {fixedLead ? null : (
                  <button type="button" className="ghost" onClick={() => void changeLead()}>
                    Change
                  </button>
                )}
              </span>
            </label>
          ) : (
            <LeadPicker onPick={setLead} />
          )}
          <label className="field">
            <span>Subject</span>
            <input
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              maxLength={998}
              readOnly={!saved.ready}
              data-autofocus={fixedLead ? true : undefined}
            />
          </label>
          <label className="field">
            <span>Message</span>
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={10}
              readOnly={!saved.ready}
              placeholder="Blank lines start a new paragraph; https:// links become clickable. Your footer is added for you."
            />
          </label>
        </div>
        <div className="compose-side">
          <div role="tablist" aria-label="Check or preview" className="segmented">
            {(['checks', 'preview'] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                className={tab === t ? 'chip on' : 'chip'}
                onClick={() => setTab(t)}
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
        <FormFooter
          problem={problem}
          busy={busy}
          onCancel={requestClose}
          disabled={blocked || !upToDate || suppressed}
          onAction={() => void send()}
          action={sendLabel(scheduleAt)}
          busyAction={scheduleAt === undefined ? 'Sending…' : 'Scheduling…'}
        />
      </form>
      {leaving ? (
        <KeepDraftDialog
          busy={answering}
          onKeep={() => void leave('keep')}
          onDiscard={() => void leave('discard')}
          onBack={() => setLeaving(null)}
        />
      ) : null}
    </Modal>
  );
}
