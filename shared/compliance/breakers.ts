import { type BreakerFigures, type Reason, reason } from './reasons';

/**
 * Circuit breakers per mailbox. Rates are judged over a rolling window (30 days) and only once the
 * mailbox has sent enough for a rate to mean something. Complaints are ARF feedback reports (RFC 5965)
 * plus replies that ask to stop or call the mail spam.
 */
export interface BreakerThresholds {
  bounceWarn: number;
  bouncePause: number;
  complaintWarn: number;
  complaintPause: number;
  /** Sends in the window before the breaker judges at all. */
  minSends: number;
}

export const DEFAULT_THRESHOLDS: Readonly<BreakerThresholds> = {
  bounceWarn: 0.02,
  bouncePause: 0.04,
  complaintWarn: 0.001,
  complaintPause: 0.003,
  minSends: 20,
};
export const BREAKER_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export type BreakerEvent = { at: number; type: 'sent' | 'hard-bounce' | 'complaint' };
export interface BreakerCounts {
  sends: number;
  hardBounces: number;
  complaints: number;
}

/**
 * Counts a mailbox's events in the window ending at `now`. `since` (the moment the rep last pressed
 * Resume) starts the count afresh, so a cleaned-up mailbox is judged on what it sends after resuming.
 */
export function rollingCounts(
  events: Iterable<BreakerEvent>,
  { now, windowDays = BREAKER_WINDOW_DAYS, since }: { now: number; windowDays?: number; since?: number },
): BreakerCounts {
  const from = Math.max(now - windowDays * DAY_MS, since ?? Number.NEGATIVE_INFINITY);
  const counts = { sends: 0, hardBounces: 0, complaints: 0 };
  for (const e of events) {
    if (e.at < from || e.at > now) continue;
    if (e.type === 'sent') counts.sends++;
    else if (e.type === 'hard-bounce') counts.hardBounces++;
    else counts.complaints++;
  }
  return counts;
}

export interface BreakerState {
  state: 'ok' | 'warn' | 'paused';
  reasons: Reason[];
  /** False while the window holds fewer sends than `minSends`. */
  judged: boolean;
  rates: { bounce: number; complaint: number };
}

const pct = (r: number) => `${(r * 100).toFixed(r < 0.01 ? 2 : 1)}%`;

export function evaluateBreaker(
  { sends, hardBounces, complaints, window = BREAKER_WINDOW_DAYS }: BreakerCounts & { window?: number },
  thresholds: BreakerThresholds = DEFAULT_THRESHOLDS,
): BreakerState {
  const rates = {
    bounce: sends > 0 ? hardBounces / sends : 0,
    complaint: sends > 0 ? complaints / sends : 0,
  };
  if (sends < thresholds.minSends) return { state: 'ok', reasons: [], judged: false, rates };
  const reasons: Reason[] = [];
  let state: BreakerState['state'] = 'ok';
  const judge = (
    rate: number,
    count: number,
    [warnAt, pauseAt]: [number, number],
    codes: {
      warning: 'bounce-rate-warning' | 'complaint-rate-warning';
      paused: 'bounce-rate-paused' | 'complaint-rate-paused';
    },
  ) => {
    if (rate < warnAt) return;
    const paused = rate >= pauseAt;
    if (paused) state = 'paused';
    else if (state === 'ok') state = 'warn';
    const figures: BreakerFigures = {
      count,
      sends,
      days: window,
      rate: pct(rate),
      limit: pct(paused ? pauseAt : warnAt),
      pauseAt: pct(pauseAt),
      minSends: thresholds.minSends,
    };
    reasons.push(reason(paused ? codes.paused : codes.warning, figures));
  };
  judge(rates.bounce, hardBounces, [thresholds.bounceWarn, thresholds.bouncePause], {
    warning: 'bounce-rate-warning',
    paused: 'bounce-rate-paused',
  });
  judge(rates.complaint, complaints, [thresholds.complaintWarn, thresholds.complaintPause], {
    warning: 'complaint-rate-warning',
    paused: 'complaint-rate-paused',
  });
  return { state, reasons, judged: true, rates };
}

/**
 * Applies a team's overrides, accepting only stricter values (lower rates, an earlier verdict) and
 * refusing, with a reason, anything looser than the defaults or not a sane number.
 */
export function tightenThresholds(
  defaults: BreakerThresholds,
  overrides: Partial<BreakerThresholds>,
): { thresholds: BreakerThresholds; reasons: Reason[] } {
  const thresholds = { ...defaults };
  const reasons: Reason[] = [];
  for (const key of Object.keys(defaults) as (keyof BreakerThresholds)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    const sane =
      Number.isFinite(value) && (key === 'minSends' ? Number.isInteger(value) && value >= 1 : value > 0);
    if (sane && value <= defaults[key]) thresholds[key] = value;
    else {
      reasons.push(
        reason('threshold-loosening-refused', { key, value, fallback: defaults[key], valid: sane }),
      );
    }
  }
  // A warning must come before the pause it announces.
  thresholds.bounceWarn = Math.min(thresholds.bounceWarn, thresholds.bouncePause);
  thresholds.complaintWarn = Math.min(thresholds.complaintWarn, thresholds.complaintPause);
  return { thresholds, reasons };
}

// ── Complaint signals ────────────────────────────────────────────────────────────────────────────────

// Where the quoted original begins in a reply: Gmail/Apple "On … wrote:", Outlook's header block and
// separators, and their German, French and Spanish forms. Our own footer's "unsubscribe" lives below.
const QUOTE_START = [
  /^on\b.*\bwrote:?$/,
  /^am\b.*\bschrieb\b.*:?$/,
  /^le\b.*\ba ecrit ?:?$/,
  /^el\b.*\bescribio:?$/,
  /^-{2,}\s*(original message|urspr[u]ngliche nachricht|message d'origine|mensaje original)/,
  /^_{10,}$/,
  /^(from|von|de|da) ?: /,
];

const SPAM = [
  /\b(this|that|it|these) (is|are) spam\b/,
  /\b(report|reported|reporting|mark|marked|marking|flag|flagged)( (you|this|it|your (e-?mails?|messages?)))? (as|for) spam\b/,
  /\bstop spamming\b/,
  /\bspamming me\b/,
  /\bdas ist spam\b/,
  /\bals spam (gemeldet|markiert)\b/,
  /\bc'est du spam\b/,
  /\b(signale|marque) comme (spam|indesirable)\b/,
  /\besto es spam\b/,
  /\b(reportado|marcado|denunciado) como spam\b/,
];

const STOP = [
  /\bunsubscribe\b/,
  /\bstop (e-?mailing|sending|contacting|messaging|writing( to)?) me\b/,
  /\b(remove|delete) me\b/,
  /\btake me off\b/,
  /\bopt(-| )?(me )?out\b/,
  /\b(do not|don't|dont) (contact|e-?mail|write to|message) me\b/,
  /\bno more (e-?mails|messages)\b/,
  /\bleave me alone\b/,
  /\b(abmelden|abbestellen|austragen)\b/,
  /\b(entfernen|loschen) sie (mich|meine)\b/,
  /\bkeine (e-?mails|mails|nachrichten) mehr\b/,
  /\bnicht (mehr )?(kontaktieren|anschreiben)\b/,
  /\b(desabonner|desinscrire|desinscription|desinscrivez)\b/,
  /\b(retirez|supprimez|enlevez|rayez)[- ]moi\b/,
  /\bne (plus )?me (contactez|ecrivez) plus\b/,
  /\bne plus me (contacter|ecrire)\b/,
  /\barretez de m'(ecrire|envoyer|contacter)\b/,
  /\b(darme|dar|denme|deme) de baja\b/,
  /\b(borrenme|eliminenme|quitenme|saquenme)\b/,
  /\bno me (escriban|contacten|envien|escribas|contactes) mas\b/,
  /\b(dejen|deja) de (escribirme|enviarme|contactarme)\b/,
];

/** The rep-visible text of a reply: quoted original cut off, accents folded, one line. */
function replyText(text: string): string {
  const kept: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = fold(raw).trim();
    if (QUOTE_START.some((re) => re.test(line))) break;
    if (!line.startsWith('>')) kept.push(line);
  }
  return kept.join(' ').replace(/\s+/g, ' ');
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .toLowerCase();
}

/**
 * Classifies a reply as a spam complaint ('spam'), a request to stop ('stop'), or neither (null).
 * Both count as complaints for the breaker; a plain "not interested" is neither.
 */
export function isComplaintReply(text: string): 'spam' | 'stop' | null {
  const body = replyText(text);
  if (SPAM.some((re) => re.test(body))) return 'spam';
  if (STOP.some((re) => re.test(body))) return 'stop';
  return null;
}

export interface ArfReport {
  /** abuse, fraud, virus, other or not-spam (RFC 5965 §7.3), lower case. */
  feedbackType: string;
  /** False only for `not-spam`, which withdraws an earlier report. */
  complaint: boolean;
  userAgent?: string;
  originalMailFrom?: string;
  originalRcptTo?: string;
  /** The Message-ID of our message the report is about, as sent (with angle brackets). */
  originalMessageId?: string;
}

/** Header fields of a header block, names lower-cased, folded lines unfolded, first occurrence kept. */
function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const gap = /\r?\n\r?\n/.exec(raw);
  if (!gap) return { headers: headerFields(raw), body: '' };
  return { headers: headerFields(raw.slice(0, gap.index)), body: raw.slice(gap.index + gap[0].length) };
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

const unbracket = (v: string | undefined) => v?.replace(/^<(.*)>$/, '$1');

/**
 * Reads an ARF feedback report (RFC 5965): a multipart/report; report-type=feedback-report whose
 * message/feedback-report part names the feedback type and whose message/rfc822 (or
 * text/rfc822-headers) part carries our original headers. Anything else → null.
 */
export function parseArfReport(raw: string): ArfReport | null {
  const top = splitEntity(raw.replace(/^\s+/, ''));
  const type = top.headers.get('content-type') ?? '';
  if (
    !/^multipart\/report\b/i.test(type) ||
    param(type, 'report-type')?.toLowerCase() !== 'feedback-report'
  ) {
    return null;
  }
  const boundary = param(type, 'boundary');
  if (!boundary) return null;
  let report: Map<string, string> | undefined;
  let original: Map<string, string> | undefined;
  for (const chunk of top.body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break; // the closing delimiter
    const part = splitEntity(chunk.replace(/^[ \t]*\r?\n/, ''));
    const partType = (part.headers.get('content-type') ?? '').toLowerCase();
    if (partType.startsWith('message/feedback-report')) report = headerFields(part.body);
    else if (/^(message\/rfc822|text\/rfc822-headers)/.test(partType))
      original = splitEntity(part.body).headers;
  }
  const feedbackType = report?.get('feedback-type')?.toLowerCase();
  if (!report || !feedbackType) return null;
  return {
    feedbackType,
    complaint: feedbackType !== 'not-spam',
    userAgent: report.get('user-agent'),
    originalMailFrom: unbracket(report.get('original-mail-from')),
    originalRcptTo: unbracket(report.get('original-rcpt-to')),
    originalMessageId: original?.get('message-id'),
  };
}
