/**
 * Content step of the gate, and the source of the editor's rewrite hints. Pure and single-pass per rule so
 * that it can run on every keystroke and on 10,000 drafts a second. The rule table, with weights and
 * thresholds, is in docs/compliance-content-rules.md; keep the two in step.
 */
import { checkHeaderValue, checkLinkHost } from './header-safety';
import { HTML_READ_LIMIT, readHtml } from './html-reading';
import {
  extractTextLinks,
  isShortener,
  type Link,
  linksOfReading,
  linkTextMismatch,
  unsafeLink,
} from './links';
import { type DetailCode, floorOf, type Reason, reasonWithDetail, type Verdict, worst } from './reasons';
import {
  buildPhraseIndex,
  CREDENTIAL_ASKS,
  countWords,
  findPhrases,
  PAYMENT_ASKS,
  type PhraseGroup,
  SPAM_PHRASE_GROUPS,
  SPAM_WORDS,
  withAmounts,
  words,
} from './spam-phrases';
import { templateLeftoverReasons } from './template-leftovers';
import {
  disguisedWords,
  foldLookalikes,
  joinSpelledOut,
  spelledOutWords,
  stripInvisible,
} from './text-tricks';
import { hasQuotedThread, hasThreadMarker } from './thread-markers';

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
/** Gmail clips a message past about 102 KB, footer and all. */
export const BODY_LIMIT = 100_000;

// The rule table's weights (documented in docs/compliance-content-rules.md); each rule's message, fix and
// floor are in the reason catalogue (reasons.ts), with every other code.
// biome-ignore format: one rule per line reads as a table
const WEIGHTS = {
  'body-too-large': 10,
  'body-nul': 10,
  'subject-empty': 3,
  'subject-long': 1,
  'deceptive-subject': 10,
  'deceptive-thread': 10,
  'phishing-credentials': 10,
  'phishing-payment': 10,
  'subject-shouting': 5,
  'body-shouting': 2,
  'exclamation-runs': 2,
  'exclamation-marks': 1,
  'money-symbols': 2,
  'money-runs': 5,
  'spelled-out-words': 5,
  'disguised-letters': 5,
  'link-count': 2,
  'link-density': 2,
  'link-shortener': 10,
  'link-text-mismatch': 10,
  'link-unsafe': 10,
  'image-only': 5,
  'image-heavy': 2,
  'tracking-pixel': 3,
  'hidden-text': 3,
  'too-long': 1,
  'missing-text-part': 2,
  'attachment-first-touch': 3,
} satisfies Partial<Record<DetailCode, number>>;

type Code = keyof typeof WEIGHTS;

function hit(code: Code, detail = '', weight?: number): Reason {
  return { ...reasonWithDetail(code, detail), weight: weight ?? WEIGHTS[code] };
}

type Phish = 'phishing-credentials' | 'phishing-payment';
// One index for all phrases: one lookup per word, the hot path of the gate.
const PHRASES = buildPhraseIndex<PhraseGroup | Phish>([
  ...SPAM_PHRASE_GROUPS.flatMap((g) => g.phrases.map((p) => [p, g] as const)),
  ...CREDENTIAL_ASKS.map((p) => [p, 'phishing-credentials'] as const),
  ...PAYMENT_ASKS.map((p) => [p, 'phishing-payment'] as const),
]);

const RUNS = /[!?¡¿‼⁉]{2,}/;
// Two or more money signs in a row ("$$$", "€ € €"); "%" is not money on its own.
const MONEY_RUN = /[$€£](?:\s?[$€£])+/g;
/** How many times `c` occurs in `s`: a search per hit, no regular expression. */
function countChar(s: string, c: string): number {
  let n = 0;
  for (let at = s.indexOf(c); at >= 0; at = s.indexOf(c, at + 1)) n++;
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

/**
 * The phrase rules over the subject's words and the body's (one or more segments: the HTML's text, the plain
 * part). Each distinct phrase counts once, and once more when the subject carries it: the subject is what the
 * inbox list shows and what filters weigh first.
 */
function phraseReasons(subject: readonly string[], body: (readonly string[])[]): Reason[] {
  const reasons: Reason[] = [];
  const spam = new Map<string, PhraseGroup>();
  const phish = new Map<string, Phish>();
  const inSubject = new Set<string>();
  for (const tokens of [subject, ...body]) {
    for (const [p, tag] of findPhrases(PHRASES, withAmounts(tokens))) {
      if (typeof tag === 'string') phish.set(p, tag);
      else spam.set(p, tag);
      if (tokens === subject) inSubject.add(p);
    }
  }
  // Most drafts hit no phrase: skip the per-group and per-kind filters then.
  if (spam.size === 0 && phish.size === 0) return reasons;
  for (const group of SPAM_PHRASE_GROUPS) {
    const hits = [...spam].filter(([, g]) => g === group).map(([p]) => p);
    if (hits.length === 0) continue;
    reasons.push({
      ...reasonWithDetail(`spam-phrases-${group.id}`, quoteList(hits)),
      weight: (hits.length + hits.filter((p) => inSubject.has(p)).length) * group.weight,
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
    const danger = unsafeLink(link);
    if (danger !== null) unsafe.add(danger);
    if (link.host === null) continue;
    if (isShortener(link.host)) shorteners.add(link.host);
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

/** A text as a reader sees it: invisible characters gone, look-alike letters read as Latin, spelled-out words whole. */
function asRead(s: string): { seen: string; spelled: string[] } {
  const plain = foldLookalikes(stripInvisible(s));
  const spelled = spelledOutWords(plain);
  return {
    seen: spelled.length > 0 ? joinSpelledOut(plain, spelled) : plain,
    spelled: spelled.map((w) => w.written),
  };
}

type Add = (when: boolean, code: Code, detail?: string, weight?: number) => void;

/** Tricks that disguise words, and the phrase rules on the words a reader sees. */
function wordingReasons(
  add: Add,
  subject: string,
  body: string,
  bodyWords: string[],
  textPart: string,
): Reason[] {
  const subjectRead = asRead(subject);
  const bodyRead = asRead(body);
  const spelled = [...subjectRead.spelled, ...bodyRead.spelled];
  const spam = spelled.filter((w) => SPAM_WORDS.has(w.replace(/[^\p{L}]/gu, '').toLowerCase()));
  add(spam.length > 0, 'spelled-out-words', quoteList(new Set(spam)));
  const isSpamWord = (w: string) => SPAM_WORDS.has(w);
  const disguised = [...disguisedWords(subject, isSpamWord), ...disguisedWords(body, isSpamWord)];
  add(disguised.length > 0, 'disguised-letters', quoteList(new Set(disguised)));
  return phraseReasons(words(subjectRead.seen), [
    bodyRead.seen === body ? bodyWords : words(bodyRead.seen),
    ...(textPart ? [words(asRead(textPart).seen)] : []),
  ]);
}

/** Capitals, punctuation and money signs. */
function toneReasons(add: Add, subject: string, body: string, n: number): void {
  const subjectStats = charStats(subject);
  add(subjectStats.letters >= 12 && subjectStats.capsRatio >= 0.7, 'subject-shouting');
  const bodyStats = charStats(body);
  const capsShare = `${Math.round(bodyStats.capsRatio * 100)}%`;
  const shouting = bodyStats.letters >= 50 && bodyStats.capsRatio >= 0.3;
  add(shouting, 'body-shouting', capsShare, bodyStats.capsRatio >= 0.5 ? 5 : 2);
  add(RUNS.test(subject) || RUNS.test(body), 'exclamation-runs');
  const bangs = countChar(body, '!');
  add(
    subject.includes('!') || bangs > 3,
    'exclamation-marks',
    subject.includes('!') ? 'in the subject' : `${bangs}`,
  );
  // Dense money signs read as a price list: at least six, and one for every ten words or fewer.
  const dense = bodyStats.symbols >= 6 && bodyStats.symbols * 10 >= n;
  add(subjectStats.symbols >= 2 || bodyStats.symbols >= 6, 'money-symbols', '', dense ? 5 : 2);
  const runs = new Set<string>();
  // A run needs two signs: most drafts have fewer, and skip the scan.
  if (subjectStats.symbols >= 2) for (const m of subject.matchAll(MONEY_RUN)) runs.add(m[0]);
  if (bodyStats.symbols >= 2) for (const m of body.matchAll(MONEY_RUN)) runs.add(m[0]);
  add(runs.size > 0, 'money-runs', quoteList(runs));
}

/** Scores a draft; the reasons double as the editor's rewrite hints. */
export function assessContent(input: ContentInput): ContentAssessment {
  const { subject, isFirstTouch } = input;
  const html = input.html ?? '';
  const size = Math.max(html.length, input.text?.length ?? 0);
  // Past the limit the draft is blocked anyway: no rule needs to read further.
  const text = (input.text ?? '').slice(0, HTML_READ_LIMIT);
  const hasHtml = html.trim() !== '';
  const reading = hasHtml ? readHtml(html) : null;
  const body = reading ? reading.text : text;
  // Tokenised once: the word count and the phrase scan share it.
  const bodyWords = words(body);
  const n = countWords(bodyWords);
  const reasons: Reason[] = checkHeaderValue('subject', subject, 'Subject');
  const add: Add = (when, code, detail, weight) => {
    if (when) reasons.push(hit(code, detail, weight));
  };

  add(size > BODY_LIMIT, 'body-too-large', size.toLocaleString('en-US'));
  add(html.includes('\0') || text.includes('\0'), 'body-nul');
  add(subject.trim() === '', 'subject-empty');
  add(subject.length > 100, 'subject-long');
  add(isFirstTouch && hasThreadMarker(subject), 'deceptive-subject');
  add(isFirstTouch && hasQuotedThread(text || (reading?.plain ?? '')), 'deceptive-thread');
  reasons.push(...templateLeftoverReasons(subject, body, hasHtml ? text : ''));
  reasons.push(...wordingReasons(add, subject, body, bodyWords, hasHtml ? text : ''));
  toneReasons(add, subject, body, n);

  const htmlLinks = reading ? linksOfReading(reading) : [];
  const textLinks = extractTextLinks(text);
  const shown = hasHtml ? htmlLinks.length : textLinks.length;
  // Each link past four weighs more: a first email full of links reads as a newsletter.
  add(shown > 3, 'link-count', `${shown}`, 2 + Math.max(0, shown - 4) * 1.5);
  add(shown >= 2 && n / shown < 20, 'link-density');
  // Plain-text URLs inside the HTML's visible text are checked too: a bare "bit.ly/x" is still a shortener.
  reasons.push(...linkReasons([...htmlLinks, ...textLinks, ...(hasHtml ? extractTextLinks(body) : [])]));

  const pictures = reading ? reading.images.filter((i) => !i.pixel).length : 0;
  add(pictures > 0 && n < 30, 'image-only');
  add(pictures >= 2 && n >= 30 && n / pictures < 80, 'image-heavy', `${pictures} images for ${n} words`);
  add(reading?.images.some((i) => i.pixel) === true, 'tracking-pixel');
  add(reading?.hiddenText === true, 'hidden-text');
  add(n > 300, 'too-long', `${n}`, n > 1000 ? 3 : 1);
  add(hasHtml && text.trim() === '', 'missing-text-part');
  add(isFirstTouch && (input.attachments ?? 0) > 0, 'attachment-first-touch');

  const score = Math.round(reasons.reduce((sum, x) => sum + (x.weight ?? 0), 0) * 10) / 10;
  const byScore: Verdict = score >= BLOCK_SCORE ? 'block' : score >= WARN_SCORE ? 'warn' : 'ok';
  return { score, verdict: worst(byScore, ...reasons.map((x) => floorOf(x.code))), reasons };
}
