import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../send/deliver-once';

/** The one message the crash test sends: from the child that crashes, and again after the restart. */
export async function crashTestMessage(): Promise<OutgoingMessage> {
  const messageId = '<crash-1@acme.test>';
  const raw = await new MailComposer({
    from: 'ana@acme.test',
    to: 'lead@example.test',
    subject: 'Hello',
    text: 'Hi',
    messageId,
  })
    .compile()
    .build();
  return {
    key: 'lead@example.test|seq1|step1',
    messageId,
    mailboxId: 'mb1',
    raw,
    from: 'ana@acme.test',
    to: ['lead@example.test'],
  };
}
