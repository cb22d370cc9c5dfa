import type { Reason } from '../../../../shared/compliance/reasons';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';

export type SelfTestOutcome =
  | { status: 'sent'; text: string }
  | { status: 'blocked' | 'failed'; text: string; reasons: Reason[] };

/**
 * "Send a test message to myself": through the one send path, so the gate judges it like any email and the
 * rep sees exactly what would stop a real send (identity missing, list not loaded, sender DNS, …).
 */
export async function sendSelfTest(mailbox: MailboxInfo): Promise<SelfTestOutcome> {
  const result = await call('send.message', {
    key: `selftest:${crypto.randomUUID()}`,
    draft: {
      mailboxId: mailbox.id,
      to: mailbox.address,
      toName: mailbox.displayName,
      subject: `Fairsend test from ${mailbox.displayName}`,
      html: `<p>This is a test message Fairsend sent through ${mailbox.address} to check the connection, the footer and the unsubscribe headers.</p>`,
      isFirstTouch: true,
      kind: 'one-off',
    },
  });
  if (!result.ok) return { status: 'failed', text: result.error.message, reasons: [] };
  const outcome = result.value;
  switch (outcome.status) {
    case 'sent':
      return { status: 'sent', text: `Sent to ${mailbox.address}. Check that inbox.` };
    case 'blocked':
      return {
        status: 'blocked',
        text: 'The gate stopped the test message:',
        reasons: outcome.gate.reasons,
      };
    case 'failed':
      return { status: 'failed', text: outcome.message, reasons: [] };
    case 'unknown':
      return {
        status: 'failed',
        text: `${outcome.message} The Outbox holds it until you say whether it arrived.`,
        reasons: [],
      };
    default:
      return { status: 'failed', text: 'This test was already sent.', reasons: [] };
  }
}
