import { type Dispatch, type SetStateAction, useEffect, useMemo, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { GateVerdict, SendDraft, SendPreview } from '../../../../shared/ipc/send';
import { call } from '../../bridge/client';
import type { LeadDoc } from '../../db/schemas/leads';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { bridgeProblem, thrownProblem } from '../../ui/bridge-problem';
import { isListed, useLeadEntries } from '../suppression/SuppressedNotice';
import { bodyToHtml } from './body-html';
import { draftGoesAfter } from './draft-rules';
import { heldForLater, heldForLaterText, scheduleCompose, scheduleTimeOf } from './schedule-compose';
import { sendCompose } from './send-compose';
import { type ComposeDraft, useComposeDraft } from './use-compose-draft';
import { useGatePreview } from './use-gate-preview';

export type ComposeTab = 'checks' | 'preview';

/** What Send would send: a first touch from `mailboxId` to the lead; null until both are chosen. */
export function sendDraftOf(
  lead: LeadDoc | null,
  mailboxId: string,
  subject: string,
  body: string,
): SendDraft | null {
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
}

/**
 * The connected mailboxes From offers, read once. A chosen mailbox that is not among them (a restored draft's
 * mailbox may since have been disconnected) gives way to the first one.
 */
function useMailboxList(
  mailboxId: string,
  setMailboxId: Dispatch<SetStateAction<string>>,
  setProblem: Dispatch<SetStateAction<string>>,
): MailboxInfo[] | null {
  const [mailboxes, setMailboxes] = useState<MailboxInfo[] | null>(null);
  // read once, when Compose opens (both setters are state setters: they never change)
  useEffect(() => {
    void call('mailboxes.list', {}).then((r) => {
      if (!r.ok) return setProblem(bridgeProblem(r.error).text);
      setMailboxes(r.value);
      // a draft's mailbox may since have been disconnected
      setMailboxId((id) => (r.value.some((m) => m.id === id) ? id : (r.value[0]?.id ?? '')));
    });
  }, [setProblem, setMailboxId]);

  // a restored draft's mailbox may have been disconnected since (whichever of the two was read first)
  useEffect(() => {
    const first = mailboxes?.[0];
    if (first && !mailboxes.some((m) => m.id === mailboxId)) setMailboxId(first.id);
  }, [mailboxes, mailboxId, setMailboxId]);

  return mailboxes;
}

/**
 * Send: through `send.message` under the dialog's one key, or, when the gate holds the draft only for the daily
 * cap or the send window, kept in the Outbox as scheduled (schedule-compose.ts). Closes Compose when done.
 */
function useComposeSend({
  draft,
  lead,
  preview,
  saved,
  onClose,
  setProblem,
}: {
  draft: SendDraft | null;
  lead: LeadDoc | null;
  preview: SendPreview | null;
  saved: ComposeDraft;
  onClose: () => void;
  setProblem: (text: string) => void;
}) {
  const { leads, messages, audit, scheduled } = useServices();
  const notify = useApp((s) => s.notify);
  const [busy, setBusy] = useState(false);
  // One key per dialog: a double click, or a retry after a lost answer, cannot send twice.
  const [key] = useState(() => `compose:${crypto.randomUUID()}`);
  // main held a plain Send for the cap or the window (schedule-compose.ts); a changed draft is checked afresh
  const [heldFor, setHeldFor] = useState<GateVerdict | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: any change to the draft clears main's old answer.
  useEffect(() => setHeldFor(null), [draft]);
  // held only by the daily cap or the send window: Send schedules it instead (schedule-compose.ts)
  const scheduleGate = heldFor ?? (scheduleTimeOf(preview) !== undefined ? preview : null);

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

  return { busy, send, scheduleAt: scheduleGate?.scheduleAt };
}

/**
 * The question Compose asks when it closes (Cancel, Escape, the window) with typed text: keep it as the lead's
 * draft or throw it away, then close Compose, or the window when the window's own close asked.
 */
function useLeaveQuestion(onClose: () => void, setProblem: (text: string) => void) {
  const [leaving, setLeaving] = useState<'dialog' | 'window' | null>(null);
  const [answering, setAnswering] = useState(false);

  async function leave(saved: ComposeDraft, how: 'keep' | 'discard') {
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

  return { leaving, answering, ask: setLeaving, leave };
}

/**
 * Compose's state and the work its buttons start: the form (kept as the lead's draft, use-compose-draft.ts),
 * the mailboxes From offers, the gate's verdict as the rep types, Send, and the question asked on closing
 * with typed text.
 */
export function useComposeDialog(fixedLead: LeadDoc | undefined, onClose: () => void) {
  const { drafts } = useServices();
  const notify = useApp((s) => s.notify);
  const [lead, setLead] = useState<LeadDoc | null>(fixedLead ?? null);
  const [mailboxId, setMailboxId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [tab, setTab] = useState<ComposeTab>('checks');
  const [problem, setProblem] = useState('');
  const question = useLeaveQuestion(onClose, setProblem);
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
    onWindowAsk: () => question.ask('window'),
  });
  const mailboxes = useMailboxList(mailboxId, setMailboxId, setProblem);
  const draft = useMemo(() => sendDraftOf(lead, mailboxId, subject, body), [lead, mailboxId, subject, body]);
  const gate = useGatePreview(draft);
  const preview = gate.state === 'done' ? gate.preview : gate.state === 'checking' ? gate.last : null;
  const sending = useComposeSend({ draft, lead, preview, saved, onClose, setProblem });
  // a suppressed lead is said so before anything is typed, and Send stays off (main's gate blocks it anyway)
  const listed = useLeadEntries(lead);

  /** Cancel, Escape: with typed text, ask first; otherwise close (what is there is kept as the draft). */
  function requestClose() {
    if (sending.busy) return;
    if (saved.asks) question.ask('dialog');
    else onClose();
  }

  /** Another lead: the email so far stays with the first one as its draft. */
  async function changeLead() {
    if (lead && saved.asks) notify('info', `Your email to ${lead.email} is kept as a draft.`);
    await saved.keep();
    setSubject('');
    setBody('');
    setLead(null);
  }

  return {
    lead,
    pickLead: setLead,
    changeLead,
    mailboxes,
    mailboxId,
    setMailboxId,
    subject,
    setSubject,
    body,
    setBody,
    saved,
    listed,
    suppressed: isListed(lead, listed),
    tab,
    setTab,
    gate,
    preview,
    upToDate: gate.state === 'done',
    /** nothing to send yet, or blocked for a reason scheduling does not answer */
    blocked: !preview || (preview.verdict === 'block' && sending.scheduleAt === undefined),
    ...sending,
    problem,
    requestClose,
    /** closing was asked with typed text: Compose asks whether to keep it */
    leaving: question.leaving,
    answering: question.answering,
    leave: (how: 'keep' | 'discard') => question.leave(saved, how),
    backToEmail: () => question.ask(null),
  };
}
