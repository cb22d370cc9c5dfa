/**
 * Content step of the gate, and the source of the editor's rewrite hints. Pure and single-pass per rule so
 * that it can run on every keystroke and on 10,000 drafts a second. The rule table, with weights and
 * thresholds, is in docs/compliance-content-rules.md; keep the two in step.
 */
import { checkHeaderValue, checkLinkHost } from './header-safety';
import {
  extractHtmlLinks,
  extractTextLinks,
  isShortener,
  type Link,
  linkTextMismatch,
  stripInvisibleBlocks,
  visibleText,
} from './links';
import { type Reason, type Verdict, worst } from './reasons';
import {
  buildPhraseIndex,
  CREDENTIAL_ASKS,
  findPhrases,
  PAYMENT_ASKS,
  type PhraseGroup,
  SPAM_PHRASE_GROUPS,
  words,
} from './spam-phrases';

export interface ContentInput {
  subject: string;
  html?: string;
  text?: string;
  /** The first email to this lead in the sequence (no earlier message to reply to or forward). */
  isFirstTouch: boolean;
  attachments?: number;
}

export interface ContentAssessment {
  score: number;
  verdict: Verdict;
  reasons: Reason[];
}

export const WARN_SCORE = 5;
export const BLOCK_SCORE = 10;

interface Rule {
  weight: number;
  /** The least verdict a hit gives, whatever the score. */
  floor?: Verdict;
  /** `{}` is replaced by the detail of the hit. */
  message: string;
  fix: string;
}

// The rule table (documented in docs/compliance-content-rules.md). Messages are rewrite hints for the rep.
// biome-ignore format: one rule per line reads as a table
const RULES = {
  'body-nul': { weight: 10, floor: 'block', message: 'The email body contains NUL characters, which mail servers reject.', fix: 'Retype or re-paste the text as plain text.' },
  'subject-empty': { weight: 3, floor: 'warn', message: 'The subject is empty; empty subjects look like spam and rarely get opened.', fix: 'Write a short, specific subject (3–7 words).' },
  'subject-long': { weight: 1, message: 'The subject is long; most inboxes cut it off after about 60 characters.', fix: 'Shorten the subject to the one thing you want them to notice.' },
  'deceptive-subject': { weight: 10, floor: 'block', message: 'The subject starts with a reply or forward prefix ("Re:", "Fwd:"), but this is your first email to them. Faking a thread is deceptive, and illegal in many places.', fix: 'Remove the prefix; follow-ups in a sequence are threaded for you.' },
  'phishing-credentials': { weight: 10, floor: 'block', message: 'Asking for a login or an account check ({}) is what phishing mail does.', fix: 'Never ask a prospect to log in, verify or confirm an account.' },
  'phishing-payment': { weight: 10, floor: 'block', message: 'Asking to move money or change payment details ({}) reads as payment fraud.', fix: 'Leave payment to the contract stage, through your finance team.' },
  'subject-shouting': { weight: 3, message: 'The subject is mostly capital letters, which reads as shouting and trips spam filters.', fix: 'Use sentence case in the subject.' },
  'body-shouting': { weight: 2, message: '{} of the letters in the body are capitals, which reads as shouting.', fix: 'Write in sentence case; keep capitals for names and acronyms.' },
  'exclamation-runs': { weight: 2, message: 'Runs like "!!" or "??" look like a promotion.', fix: 'Use one punctuation mark at a time.' },
  'exclamation-marks': { weight: 1, message: 'Exclamation marks ({}) read as hype in a cold email.', fix: 'Keep at most one or two in the body, and none in the subject.' },
  'money-symbols': { weight: 2, message: 'Many $, €, £ or % signs make the email look like a price promotion.', fix: 'Keep the one number that matters to them.' },
  'link-count': { weight: 2, message: 'The email has {} links; cold emails with more than one or two links land in spam more often.', fix: 'Keep one link — the one you want them to click.' },
  'link-density': { weight: 2, message: 'There is little text around the links; link-heavy emails look like spam.', fix: 'Say more about why you are writing, or drop links.' },
  'link-shortener': { weight: 10, floor: 'block', message: 'Link shorteners ({}) hide where a link goes; filters treat them as spam.', fix: 'Use the full link to the page on your own domain.' },
  'link-text-mismatch': { weight: 10, floor: 'block', message: 'A link reads {}. Links that name one site and open another are a phishing pattern.', fix: 'Make the link text match where it goes, or use words like "our case study".' },
  'link-unsafe': { weight: 10, floor: 'block', message: 'Links to {} (a script, data or a bare IP address) are blocked by mail providers.', fix: 'Link to a normal https:// page on a named domain.' },
  'image-only': { weight: 5, message: 'The email is mostly images with little text; filters cannot read images and treat this as spam.', fix: 'Write your message as text; keep at most a small logo.' },
  'image-heavy': { weight: 2, message: 'The email has {} — image-heavy for a cold email.', fix: 'Drop images; a plain, personal email gets more replies.' },
  'hidden-text': { weight: 3, floor: 'warn', message: 'Part of the email is hidden (display:none, zero font size or white text). Filters treat hidden text as a trick.', fix: 'Remove hidden text, including hidden preview text.' },
  'too-long': { weight: 1, message: 'The body is {} words; cold emails over 300 words get fewer replies, and very long ones look like newsletters.', fix: 'Cut it to under 150 words: who you are, why them, one ask.' },
  'missing-text-part': { weight: 2, floor: 'warn', message: 'The email has no plain-text version; HTML-only mail scores worse with spam filters.', fix: 'Add a plain-text version (Fairsend generates one from the HTML when it sends).' },
  'attachment-first-touch': { weight: 3, floor: 'warn', message: 'Attachments on a first email from a stranger are a spam and malware signal.', fix: 'Link to the document instead, or send it once they reply.' },
} satisfies Record<string, Rule>;

type Code = keyof typeof RULES;

/** Header findings (header-safety.ts) always block: a malformed header is never sent. */
const HEADER_CODES = new Set(['header-injection', 'header-nul', 'header-control-char', 'header-too-long']);

function floorOf(code: string): Verdict {
  if (HEADER_CODES.has(code)) return 'block';
  const rule: Rule | undefined = (RULES as Record<string, Rule>)[code];
  return rule?.floor ?? 'ok';
}

function hit(code: Code, detail = '', weight?: number): Reason {
  const rule: Rule = RULES[code];
  return { code, message: rule.message.replace('{}', detail), fix: rule.fix, weight: weight ?? rule.weight };
}

type Phish = 'phishing-credentials' | 'phishing-payment';
// One index for all phrases: one lookup per word, the hot path of the gate.
const PHRASES = buildPhraseIndex<PhraseGroup | Phish>([
  ...SPAM_PHRASE_GROUPS.flatMap((g) => g.phrases.map((p) => [p, g] as const)),
  ...CREDENTIAL_ASKS.map((p) => [p, 'phishing-credentials'] as const),
  ...PAYMENT_ASKS.map((p) => [p, 'phishing-payment'] as const),
]);

// A reply or forward prefix in English, German (AW/WG), Nordic (SV/VS), French (TR/RE), Dutch (Antw), Italian (RIF).
const REPLY_PREFIX = /^\s*(?:re|fwd?|aw|wg|sv|vs|tr|antw|rif|res|enc)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/i;
const RUNS = /[!?¡¿‼⁉]{2,}/g;
const STYLE_ATTR = /\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const HIDING =
  /(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden|(?:font-size|opacity|max-height)\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|!|$))/i;
const WHITE_TEXT = /(?:^|[;\s])color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255)/i;
const DARK_BACKGROUND =
  /background(?:-color)?\s*:\s*(?!\s*(?:#fff(?:fff)?\b|white\b|transparent|none))[#a-z]/i;
const FONT_WHITE = /<font\b[^<>]*\bcolor\s*=\s*["']?(?:#fff(?:fff)?\b|white\b)/i;
const UNSAFE_SCHEME = /^\s*(?:javascript|vbscript|data|file):/i;
const IP_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

function count(s: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}

/** One pass over a text: upper-case share of its letters (ASCII and Latin-1 only: cheap), and $ % £ € signs. */
function charStats(s: string): { capsRatio: number; letters: number; symbols: number } {
  let upper = 0;
  let letters = 0;
  let symbols = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) {
      upper++;
      letters++;
    } else if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7)) letters++;
    else if (c === 36 || c === 37 || c === 0xa3 || c === 0x20ac) symbols++;
  }
  return { capsRatio: letters ? upper / letters : 0, letters, symbols };
}

const quoteList = (items: Iterable<string>, max = 4): string => {
  const all = [...items];
  const shown = all.slice(0, max).map((s) => `"${s}"`);
  return all.length > max ? `${shown.join(', ')} and ${all.length - max} more` : shown.join(', ');
};

function phraseReasons(segments: string[][]): Reason[] {
  const reasons: Reason[] = [];
  const spam = new Map<string, PhraseGroup>();
  const phish = new Map<string, Phish>();
  for (const tokens of segments) {
    for (const [p, tag] of findPhrases(PHRASES, tokens)) {
      if (typeof tag === 'string') phish.set(p, tag);
      else spam.set(p, tag);
    }
  }
  // Most drafts hit no phrase: skip the per-group and per-kind filters then.
  if (spam.size === 0 && phish.size === 0) return reasons;
  for (const group of SPAM_PHRASE_GROUPS) {
    const hits = [...spam].filter(([, g]) => g === group).map(([p]) => p);
    if (hits.length === 0) continue;
    const message = `Spam-trigger wording: ${quoteList(hits)}. ${group.explanation}`;
    reasons.push({
      code: `spam-phrases-${group.id}`,
      message,
      fix: group.fix,
      weight: hits.length * group.weight,
    });
  }
  for (const code of ['phishing-credentials', 'phishing-payment'] as const) {
    const hits = [...phish].filter(([, k]) => k === code).map(([p]) => p);
    if (hits.length > 0) reasons.push(hit(code, quoteList(hits)));
  }
  return reasons;
}

function linkReasons(links: Link[]): Reason[] {
  const shorteners = new Set<string>();
  const mismatches = new Map<string, string>();
  const unsafe = new Set<string>();
  const homographs: Reason[] = [];
  const seenHosts = new Set<string>();
  for (const link of links) {
    if (link.host === null) {
      if (UNSAFE_SCHEME.test(link.href)) unsafe.add(link.href.trim().slice(0, 30));
      continue;
    }
    if (isShortener(link.host)) shorteners.add(link.host);
    if (IP_HOST.test(link.host)) unsafe.add(link.host);
    const mismatch = linkTextMismatch(link);
    if (mismatch) mismatches.set(mismatch.shown, mismatch.actual);
    if (!seenHosts.has(link.host)) {
      seenHosts.add(link.host);
      homographs.push(...checkLinkHost(link.host));
    }
  }
  const reasons: Reason[] = [];
  if (shorteners.size > 0) reasons.push(hit('link-shortener', quoteList(shorteners)));
  for (const [shown, actual] of mismatches)
    reasons.push(hit('link-text-mismatch', `"${shown}" but goes to "${actual}"`));
  if (unsafe.size > 0) reasons.push(hit('link-unsafe', quoteList(unsafe)));
  return [...reasons, ...homographs];
}

function hiddenText(html: string): boolean {
  if (FONT_WHITE.test(html)) return true;
  STYLE_ATTR.lastIndex = 0;
  for (let m = STYLE_ATTR.exec(html); m !== null; m = STYLE_ATTR.exec(html)) {
    const style = m[1] ?? m[2] ?? '';
    if (HIDING.test(style)) return true;
    if (WHITE_TEXT.test(style) && !DARK_BACKGROUND.test(style)) return true;
  }
  return false;
}

/** Scores a draft; the reasons double as the editor's rewrite hints. */
export function assessContent(input: ContentInput): ContentAssessment {
  const { subject, isFirstTouch } = input;
  const html = input.html ?? '';
  const text = input.text ?? '';
  const hasHtml = html.trim() !== '';
  const cleanHtml = hasHtml ? stripInvisibleBlocks(html) : '';
  const body = hasHtml ? visibleText(cleanHtml) : text;
  // Tokenised once: the word count and the phrase scan share it.
  const bodyWords = words(body);
  const n = bodyWords.length;
  const reasons: Reason[] = checkHeaderValue('subject', subject, 'Subject');
  const add = (when: boolean, code: Code, detail?: string, weight?: number) => {
    if (when) reasons.push(hit(code, detail, weight));
  };

  add(html.includes('\0') || text.includes('\0'), 'body-nul');
  add(subject.trim() === '', 'subject-empty');
  add(subject.length > 100, 'subject-long');
  add(isFirstTouch && REPLY_PREFIX.test(subject), 'deceptive-subject');
  reasons.push(...phraseReasons([words(subject), bodyWords, ...(hasHtml && text ? [words(text)] : [])]));

  const subjectStats = charStats(subject);
  add(subjectStats.letters >= 12 && subjectStats.capsRatio >= 0.7, 'subject-shouting');
  const bodyStats = charStats(body);
  const capsShare = `${Math.round(bodyStats.capsRatio * 100)}%`;
  add(bodyStats.letters >= 50 && bodyStats.capsRatio >= 0.3, 'body-shouting', capsShare);
  add(count(subject, RUNS) + count(body, RUNS) > 0, 'exclamation-runs');
  const bangs = count(body, /!/g);
  add(
    subject.includes('!') || bangs > 3,
    'exclamation-marks',
    subject.includes('!') ? 'in the subject' : `${bangs}`,
  );
  add(subjectStats.symbols >= 2 || bodyStats.symbols >= 6, 'money-symbols');

  const htmlLinks = hasHtml ? extractHtmlLinks(cleanHtml) : [];
  const textLinks = extractTextLinks(text);
  const shown = hasHtml ? htmlLinks.length : textLinks.length;
  add(shown > 3, 'link-count', `${shown}`);
  add(shown >= 2 && n / shown < 20, 'link-density');
  // Plain-text URLs inside the HTML's visible text are checked too: a bare "bit.ly/x" is still a shortener.
  reasons.push(...linkReasons([...htmlLinks, ...textLinks, ...(hasHtml ? extractTextLinks(body) : [])]));

  const images = hasHtml ? count(cleanHtml, /<img\b/gi) : 0;
  add(images > 0 && n < 30, 'image-only');
  add(images >= 2 && n >= 30 && n / images < 80, 'image-heavy', `${images} images for ${n} words`);
  add(hasHtml && hiddenText(cleanHtml), 'hidden-text');
  add(n > 300, 'too-long', `${n}`, n > 1000 ? 3 : 1);
  add(hasHtml && text.trim() === '', 'missing-text-part');
  add(isFirstTouch && (input.attachments ?? 0) > 0, 'attachment-first-touch');

  const score = Math.round(reasons.reduce((sum, x) => sum + (x.weight ?? 0), 0) * 10) / 10;
  const byScore: Verdict = score >= BLOCK_SCORE ? 'block' : score >= WARN_SCORE ? 'warn' : 'ok';
  return { score, verdict: worst(byScore, ...reasons.map((x) => floorOf(x.code))), reasons };
}
