import type { Reason } from '../../../../shared/compliance/reasons';
import { floorOf } from '../../../../shared/compliance/reasons';
import type { SendDraft, SendOutcome } from '../../../../shared/ipc/send';
import { SEND_FAILURES } from '../../../../shared/outbox/failure-codes';
import type { AuditLog } from '../../bridge/audit';
import { call } from '../../bridge/client';
import type { LeadsRepo } from '../../db/leads-repo';
import type { MessagesRepo } from '../../db/messages-repo';
import type { LeadDoc } from '../../db/schemas/leads';
import { bridgeProblem } from '../../ui/bridge-problem';

export interface ComposeResult {
  tone: 'success' | 'error' | 'info';
  text: string;
  outcome: SendOutcome | null;
}

const HELD =
  'Fairsend will not send it again on its own: the Outbox holds it until you say whether it went out.';

/** A second send of the same email: what the rep is told depends on what became of the first. */
const DUPLICATE: Record<Extract<SendOutcome, { status: 'duplicate' }>['state'], string> = {
  sent: 'This email was already sent; it was not sent again.',
  sending: 'This email is being sent right now; it was not sent a second time.',
  unknown: `Nobody knows yet whether this email went out, so it was not sent again. ${HELD}`,
  failed: 'This email could not be sent earlier and cannot be sent again from here.',
};

/** A send that failed: the mail server's or provider's own words, then what the rep can do about it. */
export function failedText(outcome: Extract<SendOutcome, { status: 'failed' }>): string {
  return `Sending failed: ${outcome.message} ${SEND_FAILURES[outcome.code].fix}`;
}

/** The reason that stopped the send in the rep's words (codes stay in the Outbox's details and the audit log). */
export function blockedText(reasons: Reason[]): string {
  const blocking = reasons.filter((r) => floorOf(r.code) === 'block');
  const first = blocking[0] ?? reasons[0];
  if (!first) return 'Not sent: the compliance check stopped it. The Outbox lists why.';
  const more =
    blocking.length > 1
      ? ` There ${blocking.length === 2 ? 'is one more reason' : `are ${blocking.length - 1} more reasons`}.`
      : '';
  return `Not sent. ${first.message}${more} The Outbox lists why.`;
}

/**
 * Sends one Compose draft through the one send path and books the outcome: the Outbox record, the lead's
 * status on a first successful send, and the audit copy. `key` is made once per dialog, so a second click
 * (or a retry after a lost answer) is refused by main's journal instead of sending twice.
 */
export async function sendCompose(
  key: string,
  draft: SendDraft,
  lead: LeadDoc,
  services: { messages: MessagesRepo; leads: LeadsRepo; audit: Pick<AuditLog, 'mirror'> },
): Promise<ComposeResult> {
  const answer = await call('send.message', { key, draft });
  void services.audit.mirror();
  if (!answer.ok) return { tone: 'error', text: bridgeProblem(answer.error).text, outcome: null };
  const outcome = answer.value;
  await services.messages.record({
    key,
    leadId: lead.id,
    mailboxId: draft.mailboxId,
    subject: draft.subject,
    outcome,
  });
  switch (outcome.status) {
    case 'sent':
      if (lead.status === 'new') await services.leads.update(lead.id, { status: 'contacted' });
      return { tone: 'success', text: `Sent to ${lead.email}.`, outcome };
    case 'blocked':
      return {
        tone: 'error',
        text: blockedText(outcome.gate.reasons),
        outcome,
      };
    case 'failed':
      return { tone: 'error', text: failedText(outcome), outcome };
    case 'unknown':
      return { tone: 'error', text: `${outcome.message} ${HELD}`, outcome };
    case 'duplicate':
      return { tone: 'info', text: DUPLICATE[outcome.state], outcome };
  }
}
