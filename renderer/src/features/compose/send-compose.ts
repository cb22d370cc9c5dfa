import type { SendDraft, SendOutcome } from '../../../../shared/ipc/send';
import type { AuditLog } from '../../bridge/audit';
import { call } from '../../bridge/client';
import type { LeadsRepo } from '../../db/leads-repo';
import type { MessagesRepo } from '../../db/messages-repo';
import type { LeadDoc } from '../../db/schemas/leads';

export interface ComposeResult {
  tone: 'success' | 'error' | 'info';
  text: string;
  outcome: SendOutcome | null;
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
  if (!answer.ok) return { tone: 'error', text: answer.error.message, outcome: null };
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
        text: `Not sent: the compliance gate blocked it (${outcome.gate.reasons.map((r) => r.code).join(', ')}). The Outbox lists why.`,
        outcome,
      };
    case 'failed':
      return { tone: 'error', text: `Sending failed: ${outcome.message}`, outcome };
    case 'duplicate':
      return { tone: 'info', text: 'This email was already sent; it was not sent again.', outcome };
  }
}
