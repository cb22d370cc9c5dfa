/**
 * Message assembly: the last pure step before the wire. It builds the headers and both bodies the gate
 * promises (RFC 8058 one-click unsubscribe, the sender identity footer, threading) and refuses — with reasons,
 * never by repairing — any input that would make a malformed or injected header. electron/main hands the
 * result to nodemailer's MailComposer, which encodes non-ASCII (RFC 2047) and folds long lines; Date is its job.
 */
import { checkEmail } from '../leads/email';
import { escapeHtml } from '../text/escape-html';
import { checkDisplayName, checkHeaderValue, quoteDisplayName } from './header-safety';
import { htmlToText } from './links';
import { type Reason, reason } from './reasons';

export interface AssembleInput {
  sender: { name: string; address: string };
  /** Who is writing and where they can be reached by post (CAN-SPAM, and the norm in the EU and UK). */
  identity: { company: string; postalAddress: string };
  recipient: { address: string; name?: string };
  subject: string;
  html: string;
  /** Plain-text part; generated from the HTML when missing or blank. */
  text?: string;
  /** `httpsUrl`: the team server's one-click URL; `mailto`: an address (or `mailto:` URI) that opts out. */
  unsubscribe: { httpsUrl: string; mailto: string };
  /** For follow-ups: the Message-ID being replied to, and the thread's earlier Message-IDs, oldest first. */
  thread?: { inReplyTo?: string; references?: readonly string[] };
  /** Local part of the Message-ID, random and unique; made by the caller so this stays pure. */
  messageIdLocal: string;
}

export interface AssembledMessage {
  headers: [string, string][];
  html: string;
  text: string;
  /** `<local@sender-domain>`, as in the Message-ID header. */
  messageId: string;
  envelope: { from: string; to: string };
}

export type AssembleResult = { ok: true; value: AssembledMessage } | { ok: false; reasons: Reason[] };

/** How many earlier Message-IDs References keeps: the first and the most recent ones (RFC 5322 §3.6.4). */
const MAX_REFERENCES = 20;
const ID_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// msg-id (RFC 5322 §3.6.4): dot-atom-text "@" dot-atom-text or a domain literal; angle brackets optional here.
const MSG_ID =
  /^<?([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,250}@(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,250}|\[[\x21-\x5a\x5e-\x7e]{1,250}\]))>?$/;
// NUL in a body is refused, not sent.
const NUL = /\0/;
// The last check before returning: no header value may carry a line break or control character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
const UNSAFE_HEADER = /[\u0000-\u0008\u000A-\u001F\u007F\u0085\u2028\u2029]/;

/** Assembly refuses: every reason it gives floors at block, and weighs a block. */
function refusal(found: Reason): Reason {
  return { ...found, weight: 10 };
}

function checkUnsubscribe(
  unsubscribe: AssembleInput['unsubscribe'],
  reasons: Reason[],
): [string, string] | null {
  let https: string | null = null;
  try {
    const url = new URL(unsubscribe.httpsUrl);
    if (url.protocol === 'https:' && url.hostname && !url.username && !url.password) https = url.href;
  } catch {
    // reported below
  }
  if (https === null || UNSAFE_HEADER.test(unsubscribe.httpsUrl)) {
    reasons.push(refusal(reason('unsubscribe-url-invalid')));
    https = null;
  }
  const raw = unsubscribe.mailto.trim().replace(/^mailto:/i, '');
  const address = raw.split('?')[0] ?? '';
  const check = UNSAFE_HEADER.test(unsubscribe.mailto) ? null : checkEmail(address);
  // A mailto: URI must be ASCII; an internationalised local part would need percent-encoding clients mishandle.
  if (!check?.ok || !/^[\x21-\x7e]+$/.test(check.address)) {
    reasons.push(refusal(reason('unsubscribe-mailto-invalid')));
    return null;
  }
  return https === null ? null : [https, `mailto:${check.address}?subject=unsubscribe`];
}

function parseMessageId(raw: string): string | null {
  const m = UNSAFE_HEADER.test(raw) ? null : MSG_ID.exec(raw.trim());
  return m?.[1] ? `<${m[1]}>` : null;
}

/** In-Reply-To and References for a follow-up (RFC 5322 §3.6.4): References ends with the parent's id. */
function checkThread(
  thread: AssembleInput['thread'],
  reasons: Reason[],
): { inReplyTo?: string; refs: string[] } {
  const inReplyTo = thread?.inReplyTo === undefined ? undefined : parseMessageId(thread.inReplyTo);
  const refs = (thread?.references ?? []).map(parseMessageId);
  if (inReplyTo === null || refs.includes(null)) {
    reasons.push(refusal(reason('thread-invalid')));
    return { refs: [] };
  }
  const ids = refs.filter((id): id is string => id !== null);
  if (inReplyTo !== undefined && ids[ids.length - 1] !== inReplyTo) ids.push(inReplyTo);
  const kept = ids.length > MAX_REFERENCES ? [ids[0] as string, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return inReplyTo === undefined ? { refs: kept } : { inReplyTo, refs: kept };
}

/** The footer in both forms. Postal addresses are multi-line; lines are kept. */
export function footer(
  sender: AssembleInput['sender'],
  identity: AssembleInput['identity'],
  httpsUrl: string,
): { html: string; text: string } {
  const lines = identity.postalAddress
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const who = `${sender.name.trim()}, ${identity.company.trim()}`;
  const text = `\n\n-- \n${who}\n${lines.join('\n')}\nDon't want these emails? Unsubscribe: ${httpsUrl}\n`;
  const html =
    '<div style="margin-top:24px;font-size:12px;line-height:1.5;color:#666666">' +
    `<p style="margin:0">${escapeHtml(who)}<br>${lines.map(escapeHtml).join('<br>')}</p>` +
    `<p style="margin:8px 0 0">Don't want these emails? <a href="${escapeHtml(httpsUrl)}">Unsubscribe</a></p></div>`;
  return { html, text };
}

const BODY_END = /<\/body/i;

/** Inserts the footer before `</body>` when the HTML is a full document, else appends it. */
function appendHtml(html: string, footerHtml: string): string {
  // Most drafts are a fragment: a test finds that without copying the whole body in lower case.
  if (!BODY_END.test(html)) return `${html}${footerHtml}`;
  const at = html.toLowerCase().lastIndexOf('</body');
  return at < 0 ? `${html}${footerHtml}` : `${html.slice(0, at)}${footerHtml}${html.slice(at)}`;
}

export function assembleMessage(input: AssembleInput): AssembleResult {
  const reasons: Reason[] = [];
  const { sender, identity, recipient } = input;

  if (sender.name.trim() === '') {
    reasons.push(refusal(reason('sender-name-missing')));
  }
  reasons.push(...checkDisplayName('sender name', sender.name));
  const from = checkEmail(sender.address);
  if (!from.ok) reasons.push(refusal(reason('sender-address-invalid', from.message)));
  if (identity.company.trim() === '') {
    reasons.push(refusal(reason('identity-company-missing')));
  }
  if (identity.postalAddress.trim() === '') {
    reasons.push(refusal(reason('identity-postal-address-missing')));
  }
  if (
    NUL.test(identity.company) ||
    NUL.test(identity.postalAddress) ||
    NUL.test(input.html) ||
    NUL.test(input.text ?? '')
  ) {
    reasons.push(refusal(reason('body-nul')));
  }
  const to = checkEmail(recipient.address);
  if (!to.ok) reasons.push(refusal(reason('recipient-invalid', to.message)));
  if (recipient.name !== undefined) reasons.push(...checkDisplayName("recipient's name", recipient.name));
  if (input.subject.trim() === '') reasons.push(refusal(reason('subject-empty')));
  reasons.push(...checkHeaderValue('subject', input.subject, 'Subject'));
  const unsubscribe = checkUnsubscribe(input.unsubscribe, reasons);
  const thread = checkThread(input.thread, reasons);
  if (!ID_LOCAL.test(input.messageIdLocal) || input.messageIdLocal.length > 128) {
    reasons.push(refusal(reason('message-id-invalid')));
  }
  if (reasons.length > 0 || !from.ok || !to.ok || unsubscribe === null) return { ok: false, reasons };

  const [httpsUrl, mailto] = unsubscribe;
  const messageId = `<${input.messageIdLocal}@${from.domain}>`;
  const name = recipient.name?.trim();
  const headers: [string, string][] = [
    ['From', `${quoteDisplayName(sender.name.trim())} <${from.address}>`],
    ['To', name ? `${quoteDisplayName(name)} <${to.address}>` : to.address],
    ['Subject', input.subject],
    ['Message-ID', messageId],
  ];
  if (thread.inReplyTo !== undefined) headers.push(['In-Reply-To', thread.inReplyTo]);
  if (thread.refs.length > 0) headers.push(['References', thread.refs.join(' ')]);
  headers.push(['List-Unsubscribe', `<${httpsUrl}>, <${mailto}>`]);
  headers.push(['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click']);

  // Defence in depth: every value was checked above; this guards the code that built them.
  const broken = headers.find(([, value]) => UNSAFE_HEADER.test(value));
  if (broken) {
    return {
      ok: false,
      reasons: [refusal(reason('header-injection', { field: `${broken[0]} header` }))],
    };
  }

  const foot = footer(sender, identity, httpsUrl);
  const text = input.text?.trim() ? input.text : htmlToText(input.html);
  return {
    ok: true,
    value: {
      headers,
      html: appendHtml(input.html, foot.html),
      // trimEnd drops exactly what /\s+$/ matches (white space and line terminators), without a regex scan
      text: `${text.trimEnd()}${foot.text}`,
      messageId,
      envelope: { from: from.address, to: to.address },
    },
  };
}
