import { isComplaintReply, parseArfReport } from '../compliance/breakers';
import { addressesIn, type Entity, messageIds, multipartParts, param, splitEntity } from './mime';
import { returnDateOf } from './return-date';

/**
 * What one inbound message means for outreach: a bounce, a complaint, a reply, an opt-out, or nothing.
 * Pure; main parses the raw bytes once with mailparser and passes the decoded text and sender here.
 */
export interface InboundMail {
  /** the whole message as text: headers, and the report parts a DSN or ARF report carries */
  raw: string;
  /** the decoded plain-text body (for HTML-only mail, its text rendering) */
  text: string;
  /** the sender's address, decoded; null when the message has none */
  from: string | null;
  /** when it arrived (epoch ms; else its Date header): a return date without a year is the next one after */
  receivedAt?: number;
}

export interface ClassifyContext {
  /** true for a Message-ID (with angle brackets) that this desktop sent */
  isOurMessage(messageId: string): boolean;
  /** the profile's mailto: unsubscribe address, if one is set */
  unsubscribeMailto: string | null;
  /** the watched mailbox's own addresses: mail from them is never a reply */
  ownAddresses: readonly string[];
}

/** `ooo`: an out-of-office auto-reply: the lead waits until `returnsOn` (or a few business days), never stops */
export type InboxEffectType = 'bounce' | 'complaint' | 'reply' | 'optout' | 'ooo';

export interface InboxEffect {
  type: InboxEffectType;
  /** the person concerned, lower case; null only for a complaint report that redacted it */
  address: string | null;
  /** the Message-ID of our message it concerns */
  messageId?: string;
  /** what the mailbox's circuit breaker counts for it */
  breaker?: 'hard-bounce' | 'complaint';
  /** an out-of-office's stated return date, YYYY-MM-DD */
  returnsOn?: string;
}

/** `effects` is empty when the message changes nothing; `label` then says why (tests and logs read it). */
export interface Classification {
  label:
    | 'dsn'
    | 'bounce-text'
    | 'arf'
    | 'reply'
    | 'mailto-unsubscribe'
    | 'soft-bounce'
    | 'not-ours'
    | 'arf-not-spam'
    | 'auto-reply'
    | 'out-of-office'
    | 'own'
    | 'unrelated';
  effects: InboxEffect[];
}

const none = (label: Classification['label']): Classification => ({ label, effects: [] });

const HARD_STATUS = /^5\.\d{1,3}\.\d{1,3}$/;
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon)@/i;
const BOUNCE_SUBJECT =
  /^(undeliver(ed|able)( mail)?( returned to sender)?|delivery status notification \((failure|delay)\)|mail delivery (failed|failure)|returned mail|delivery (has )?failed|failure notice|non[- ]?delivery)/i;
// Out-of-office and other auto-answers (English, German, French, Spanish), matched at the subject's start.
const AUTO_SUBJECT =
  /^(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|abwesenheit|automatische antwort|r[ée]ponse automatique|absence|respuesta autom[aá]tica|fuera de la oficina)/i;

// What makes an auto-reply an absence (rather than "we got your ticket"), by subject or by its first lines.
const OOO_SUBJECT =
  /(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|abwesenheit|automatische antwort|r[ée]ponse automatique|absence|absent|respuesta autom[aá]tica|fuera de la oficina|vacation|urlaub|cong[ée]s?|vacaciones|ausente)/i;
const OOO_TEXT =
  /(out of (the )?office|away from (the )?office|on (annual )?leave|on vacation|on holiday|parental leave|abwesend|nicht im b[üu]ro|im urlaub|au?ßer haus|absent|en cong[ée]s?|hors du bureau|fuera de la oficina|de vacaciones|ausente)/i;

export function classifyInbound(mail: InboundMail, ctx: ClassifyContext): Classification {
  const top = splitEntity(mail.raw.replace(/^\s+/, ''));
  const h = (name: string) => top.headers.get(name);
  const type = h('content-type') ?? '';
  const reportType = /^multipart\/report\b/i.test(type)
    ? param(type, 'report-type')?.toLowerCase()
    : undefined;

  if (reportType === 'feedback-report') return complaintReport(mail.raw, top, ctx);
  if (reportType === 'delivery-status') return deliveryReport(top, ctx);
  const from = mail.from?.toLowerCase() ?? null;
  const subject = (h('subject') ?? '').trim();
  if ((from && BOUNCE_SENDER.test(from)) || BOUNCE_SUBJECT.test(subject)) {
    const bounce = textBounce(mail, top, ctx);
    if (bounce) return bounce;
  }
  // only inbound mail from someone else counts: our own copies (Sent, a BCC to ourselves) never do
  if (from && ctx.ownAddresses.some((a) => a.toLowerCase() === from)) return none('own');
  if (isAutoReply(top.headers, subject)) return outOfOffice(mail, top, subject, from, ctx);
  if (!from) return none('unrelated');

  const mailto = ctx.unsubscribeMailto?.toLowerCase();
  if (mailto) {
    const to = ['to', 'cc', 'delivered-to', 'x-original-to'].flatMap((n) => addressesIn(h(n)));
    const asks = /\bunsubscribe\b/i.test(subject) || /\bunsubscribe\b/i.test(mail.text.slice(0, 2000));
    if (to.includes(mailto) && asks)
      return { label: 'mailto-unsubscribe', effects: [{ type: 'optout', address: from }] };
  }

  const ours = [...messageIds(h('in-reply-to')), ...messageIds(h('references'))].find(ctx.isOurMessage);
  if (!ours) return none('unrelated');
  const effects: InboxEffect[] = [{ type: 'reply', address: from, messageId: ours }];
  const complaint = isComplaintReply(mail.text);
  // Both count for the complaint breaker (breakers.ts); spam is suppressed as a complaint, stop as an opt-out.
  if (complaint)
    effects.push({
      type: complaint === 'spam' ? 'complaint' : 'optout',
      address: from,
      messageId: ours,
      breaker: 'complaint',
    });
  return { label: 'reply', effects };
}

/**
 * An auto-reply that says its sender is away pauses the lead (never a stop: nobody answered). The lead is
 * found by the thread it answers, else by the sender's address; other auto-replies (tickets) change nothing.
 */
function outOfOffice(
  mail: InboundMail,
  top: Entity,
  subject: string,
  from: string | null,
  ctx: ClassifyContext,
): Classification {
  if (!from || !(OOO_SUBJECT.test(subject) || OOO_TEXT.test(mail.text.slice(0, 4_000))))
    return none('auto-reply');
  const h = (name: string) => top.headers.get(name);
  const ours = [...messageIds(h('in-reply-to')), ...messageIds(h('references'))].find(ctx.isOurMessage);
  const received = mail.receivedAt ?? Date.parse(h('date') ?? '');
  const back = Number.isFinite(received) ? returnDateOf(`${subject}\n${mail.text}`, received) : null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    label: 'out-of-office',
    effects: [
      {
        type: 'ooo',
        address: from,
        ...(ours ? { messageId: ours } : {}),
        ...(back ? { returnsOn: `${back.year}-${pad(back.month)}-${pad(back.day)}` } : {}),
      },
    ],
  };
}

function isAutoReply(headers: Map<string, string>, subject: string): boolean {
  const auto = headers.get('auto-submitted')?.toLowerCase();
  if (auto && !auto.startsWith('no')) return true;
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return true;
  if (/^auto_reply$/i.test(headers.get('precedence') ?? '')) return true;
  return AUTO_SUBJECT.test(subject);
}

/** RFC 3464: each failed recipient with a 5.x.x status is a hard bounce; 4.x.x (delays) change nothing. */
function deliveryReport(top: Entity, ctx: ClassifyContext): Classification {
  let status: Entity | undefined;
  let original: Map<string, string> | undefined;
  for (const part of multipartParts(top)) {
    const partType = (part.headers.get('content-type') ?? '').toLowerCase();
    if (/^message\/(global-)?delivery-status/.test(partType)) status = part;
    else if (/^(message\/rfc822|text\/rfc822-headers|message\/rfc822-headers)/.test(partType))
      original = splitEntity(part.body.replace(/^\s+/, '')).headers;
  }
  if (!status) return none('unrelated');
  const blocks = decoded(status)
    .split(/\r?\n[ \t]*\r?\n/)
    .map((b) => splitEntity(`${b}\n\n`).headers);
  const perMessage = blocks[0];
  const messageId = [
    original?.get('message-id'),
    perMessage?.get('x-original-message-id'),
    perMessage?.get('original-message-id'),
  ].flatMap((v) => messageIds(v))[0];
  if (!messageId || !ctx.isOurMessage(messageId)) return none('not-ours');
  const effects: InboxEffect[] = [];
  for (const block of blocks) {
    const address = addressesIn(block.get('final-recipient') ?? block.get('original-recipient'))[0];
    const code = /\d\.\d{1,3}\.\d{1,3}/.exec(block.get('status') ?? '')?.[0] ?? '';
    const action = block.get('action')?.toLowerCase() ?? 'failed';
    if (address && action === 'failed' && HARD_STATUS.test(code))
      effects.push({ type: 'bounce', address, messageId, breaker: 'hard-bounce' });
  }
  return effects.length ? { label: 'dsn', effects } : none('soft-bounce');
}

function decoded(part: Entity): string {
  if (!/base64/i.test(part.headers.get('content-transfer-encoding') ?? '')) return part.body;
  try {
    return atob(part.body.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}

/**
 * A bounce that is not a DSN (old qmail/Exim/Exchange forms). Conservative: it must quote the headers of a
 * message we sent, name the recipient (X-Failed-Recipients, or the quoted To) and carry a permanent code.
 */
function textBounce(mail: InboundMail, top: Entity, ctx: ClassifyContext): Classification | null {
  const raw = mail.raw.replace(/\r\n/g, '\n');
  const quoted = [...raw.matchAll(/^[ \t]*message-id:[ \t]*(<[^<>\s]+>)/gim)];
  const hit = quoted.find((m) => ctx.isOurMessage(m[1] ?? ''));
  if (!hit) return quoted.length ? none('not-ours') : null;
  const messageId = hit[1] ?? '';
  // The quoted header block holding that Message-ID: from the blank line before it to the one after.
  const at = hit.index ?? 0;
  const end = raw.indexOf('\n\n', at);
  const around = raw.slice(Math.max(raw.lastIndexOf('\n\n', at), 0), end < 0 ? undefined : end);
  const failed = [
    ...addressesIn(top.headers.get('x-failed-recipients')),
    ...[...raw.matchAll(/^final-recipient:[^\n]*/gim)].flatMap((m) => addressesIn(m[0].slice(16))),
  ];
  const own = new Set(ctx.ownAddresses.map((a) => a.toLowerCase()));
  const recipients = (failed.length ? failed : addressesIn(/^to:[ \t]*(.*)$/im.exec(around)?.[1])).filter(
    (a) => !own.has(a),
  );
  const permanent = /\b5\.\d{1,3}\.\d{1,3}\b|\b55[0-4][ -]/.test(`${mail.text}\n${raw.slice(0, 20_000)}`);
  if (!recipients.length) return null;
  if (!permanent) return none('soft-bounce');
  return {
    label: 'bounce-text',
    effects: [...new Set(recipients)].map((address) => ({
      type: 'bounce',
      address,
      messageId,
      breaker: 'hard-bounce',
    })),
  };
}

/** RFC 5965 feedback: a spam report on our message (or one whose Message-ID the provider redacted). */
function complaintReport(raw: string, top: Entity, ctx: ClassifyContext): Classification {
  const arf = parseArfReport(raw);
  if (!arf) return none('unrelated');
  if (!arf.complaint) return none('arf-not-spam');
  const messageId = messageIds(arf.originalMessageId)[0];
  if (messageId && !ctx.isOurMessage(messageId)) return none('not-ours');
  // Original-Rcpt-To is optional and often redacted; the quoted original's To is the next best source.
  let address = addressesIn(arf.originalRcptTo)[0] ?? null;
  if (!address) {
    const quoted = multipartParts(top).find((p) =>
      /^(message\/rfc822|text\/rfc822-headers)/i.test(p.headers.get('content-type') ?? ''),
    );
    address =
      addressesIn(quoted && splitEntity(quoted.body.replace(/^\s+/, '')).headers.get('to'))[0] ?? null;
  }
  return {
    label: 'arf',
    effects: [{ type: 'complaint', address, ...(messageId ? { messageId } : {}), breaker: 'complaint' }],
  };
}
