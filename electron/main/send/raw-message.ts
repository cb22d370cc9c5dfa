import MailComposer from 'nodemailer/lib/mail-composer';
import type { AssembledMessage } from '../../../shared/compliance/assemble';
import type { Result } from '../../../shared/ipc/result';
import { type DkimKey, signWithDkim } from './dkim-signer';

/**
 * The bytes that go on the wire: the gate's assembled message (headers, footer, RFC 8058 headers) as MIME,
 * DKIM-signed when the mailbox holds a key. Transports deliver exactly these bytes, whatever the provider.
 */
export async function buildRawMessage(
  message: AssembledMessage,
  dkim: DkimKey | null,
  at: Date,
): Promise<Result<Buffer>> {
  const raw = await new MailComposer({
    headers: message.headers.map(([key, value]) => ({ key, value })),
    html: message.html,
    text: message.text,
  })
    .compile()
    .build();
  return dkim ? signWithDkim(raw, dkim, at) : { ok: true, value: raw };
}
