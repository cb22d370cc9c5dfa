/**
 * One realistic cold email as the send path builds it: assembleMessage (footer, List-Unsubscribe, RFC 8058)
 * then nodemailer's MailComposer, about 5 KB of MIME (multipart/alternative, quoted-printable). Built once;
 * `stamp` gives each copy its own Message-ID without rebuilding.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { assembleMessage } from '../../shared/compliance/assemble';

const ID_DIGITS = 9;
const PLACEHOLDER = `bench.${'0'.repeat(ID_DIGITS)}`;

const PARAGRAPHS = [
  'I noticed Northwind Traders opened two new warehouses in Ohio this spring, and that your team is hiring three inside sales reps to cover the new accounts. Congratulations on the growth.',
  'Teams at that stage usually tell us the same thing: reps spend the first hour of every day copying leads between spreadsheets, and follow-ups slip when someone is out sick.',
  'We built Acme Cadence for exactly that. It keeps every sequence, reply and opt-out in one place, pauses a mailbox on its own when bounces climb, and never lets a rep email someone who asked to be left alone.',
  'Contoso moved its twelve-person team over in a week and booked 31% more first meetings in the quarter that followed, without sending a single extra email. The details are in a short case study.',
  'Two things usually matter most to a sales leader in your seat: reps who ramp in days rather than months, and a sender reputation that survives the first big campaign. Both come down to sending fewer, better emails to the right people at the right time.',
  'Our customers in wholesale distribution typically connect their existing Google Workspace or Microsoft 365 mailboxes, import their account lists from the CRM, and have their first sequence running the same afternoon, with no IT project involved.',
  'Would it be worth fifteen minutes next Tuesday or Wednesday to see whether it fits how your team works? If the timing is wrong, just say so and I will not follow up.',
];

export interface StampableMessage {
  raw: Buffer;
  /** byte offset of the Message-ID's digits */
  at: number;
  from: string;
  to: string;
}

export async function buildMessage(): Promise<StampableMessage> {
  const html =
    '<div style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">' +
    '<p>Hi Dana,</p>' +
    PARAGRAPHS.map((p) => `<p>${p}</p>`).join('') +
    '<p>Here is the case study: <a href="https://acme.io/customers/contoso">how Contoso booked 31% more meetings</a>.</p>' +
    '<p>Best regards,<br>Ana Lima<br>Account Executive, Acme Cadence</p></div>';
  const assembled = assembleMessage({
    sender: { name: 'Ana Lima', address: 'ana.lima@acme.io' },
    identity: {
      company: 'Acme Cadence Ltd',
      postalAddress: '1 Harbour Street\nSuite 400\nBristol BS1 4DJ\nUnited Kingdom',
    },
    recipient: { address: 'dana.whitfield@northwind-traders.com', name: 'Dana Whitfield' },
    subject: 'Dana, a question about Northwind’s new sales hires',
    html,
    unsubscribe: {
      httpsUrl: `https://team.acme.io/u/${'eyJ2IjoxLCJrIjoiNGY'.repeat(6)}.${'x9Qb'.repeat(11)}`,
      mailto: 'unsubscribe@acme.io',
    },
    messageIdLocal: PLACEHOLDER,
  });
  if (!assembled.ok) throw new Error(`assembly refused: ${assembled.reasons.map((r) => r.code).join(', ')}`);
  const m = assembled.value;
  const raw = await new MailComposer({
    headers: m.headers.map(([key, value]) => ({ key, value })),
    html: m.html,
    text: m.text,
  })
    .compile()
    .build();
  const at = raw.indexOf(PLACEHOLDER);
  if (at < 0 || raw.indexOf(PLACEHOLDER, at + 1) >= 0)
    throw new Error('Message-ID placeholder not found once');
  return { raw, at: at + PLACEHOLDER.length - ID_DIGITS, from: m.envelope.from, to: m.envelope.to };
}

/** A copy with Message-ID `<bench.NNNNNNNNN@…>`, n zero-padded. */
export function stamp(message: StampableMessage, n: number): Buffer {
  const copy = Buffer.from(message.raw);
  copy.write(String(n).padStart(ID_DIGITS, '0'), message.at, 'latin1');
  return copy;
}
