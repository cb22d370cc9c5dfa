/**
 * Spam-trigger phrases, grouped by why filters and readers distrust them. Each group carries a weight
 * (added once per distinct phrase found) and the hint the editor shows the rep. Phrases are matched on whole
 * words, case-insensitively, ignoring punctuation between words ("Act now!!" matches "act now").
 * Phishing groups are separate: any hit blocks the send, whatever the score.
 */

import type { SpamPhraseGroup } from './reasons';

/** A group of phrases: its id names its reason (`spam-phrases-<id>` in reasons.ts, with the rep's hint). */
export interface PhraseGroup {
  id: SpamPhraseGroup;
  weight: number;
  phrases: readonly string[];
}

const list = (s: string): string[] => s.split('|').map((p) => p.trim());

export const SPAM_PHRASE_GROUPS: readonly PhraseGroup[] = [
  {
    id: 'urgency',
    weight: 2,
    phrases: list(
      'act now|act immediately|urgent|urgent response|immediate action required|limited time|limited time offer|' +
        'offer expires|expires today|last chance|final notice|hurry|hurry up|dont miss out|' +
        "don't miss out|don't delete|do not delete|only a few left|while supplies last|time sensitive|" +
        "this won't last|what are you waiting for|before it's too late|now or never|today only|call now|" +
        'order now|apply now|respond now|instant access',
    ),
  },
  {
    id: 'money',
    weight: 2,
    phrases: list(
      'free money|make money|extra income|extra cash|earn extra cash|fast cash|cash bonus|big bucks|' +
        'double your income|double your money|financial freedom|pure profit|million dollars|earn per week|' +
        'work from home|be your own boss|get paid|income from home|investment opportunity|no investment|' +
        'lowest price|best price|cheap|save big|huge discount|unbeatable price|bargain|100% free|' +
        'absolutely free|no cost|no fees|no hidden costs|no hidden fees|free gift|free access|credit card offers|' +
        'no credit check|consolidate debt|eliminate debt|lower your mortgage|$$$|cash prize',
    ),
  },
  {
    id: 'income',
    weight: 3,
    // `$n` stands for any amount: "$5,000", "€200", "£1.5k".
    phrases: list(
      'make $n|earn $n|make up to $n|earn up to $n|no experience needed|no experience required|' +
        'no experience necessary|work at home|make money online|passive income',
    ),
  },
  {
    id: 'overpromise',
    weight: 1.5,
    phrases: list(
      '100% guaranteed|guaranteed results|satisfaction guaranteed|money back guarantee|risk free|' +
        'no risk|no strings attached|no obligation|no catch|no questions asked|once in a lifetime|' +
        'miracle|incredible deal|best deal|amazing offer|unbelievable|you will not believe|' +
        "you won't believe|life changing|revolutionary|amazing results|instant results|double your sales|" +
        'triple your sales|10x your revenue|increase sales|increase traffic|explode your|skyrocket',
    ),
  },
  {
    id: 'prize',
    weight: 3,
    phrases: list(
      "you have been selected|you've been selected|you have won|" +
        'claim your prize|claim now|claim your reward|you are a winner|selected winner|prize|lottery|' +
        'sweepstakes|lucky winner|exclusive deal for you|special promotion|deal of the day',
    ),
  },
  {
    id: 'pushy',
    weight: 1,
    phrases: list(
      'click here|click below|click now|buy now|order today|sign up free|sign up now|join millions|' +
        'dear friend|dear sir or madam|dear sir/madam|valued customer|as seen on|visit our website|' +
        'check out our website|opt in|bulk email|mass email|email blast|special offer|exclusive offer|' +
        'free trial|free consultation|free quote|get started now|see for yourself',
    ),
  },
  {
    id: 'trust-bait',
    weight: 2,
    phrases: list(
      "this is not spam|this is not junk|not spam|this isn't spam|not a scam|no spam|legitimate offer|" +
        '100% legal|completely legal|confidential offer|this is not a scam',
    ),
  },
  {
    id: 'off-topic',
    weight: 3,
    phrases: list(
      'viagra|cialis|weight loss|lose weight|diet pills|online pharmacy|no prescription|anti-aging|' +
        'miracle cure|online casino|casino|bet now|hot singles|adult content|crypto giveaway|' +
        'double your bitcoin|bitcoin investment|forex signals|penny stock',
    ),
  },
];

/** Credential asks: a stranger asking for a login is phishing. */
export const CREDENTIAL_ASKS: readonly string[] = list(
  'verify your password|confirm your password|enter your password|send your password|reset your password|' +
    'verify your account|confirm your account|validate your account|confirm your identity|verify your identity|' +
    'login to avoid suspension|log in to avoid suspension|sign in to avoid suspension|' +
    'your account will be suspended|your account has been suspended|account will be closed|' +
    'unusual sign-in activity|unusual login activity|update your login|confirm your login details|' +
    'your mailbox is full|re-enter your credentials|verify your email account',
);

/** Payment asks: a first-contact email asking to move money is fraud, or indistinguishable from it. */
export const PAYMENT_ASKS: readonly string[] = list(
  'wire transfer|wire the funds|bank transfer details|update your billing|update your billing information|' +
    'update your payment details|update your payment information|update your bank details|change of bank details|' +
    'new bank details|gift card|gift cards|itunes card|google play card|payment is overdue|outstanding invoice|' +
    'send payment|routing number|social security number|bank account number|crypto wallet|send bitcoin',
);

// --- matching ---------------------------------------------------------------------------------------------

const LETTER = /[\p{L}\p{N}\p{M}]/u;
const isWordChar = (c: number, s: string, i: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 48 && c <= 57) ||
  c === 36 ||
  c === 37 ||
  c === 0xa3 ||
  c === 0x20ac ||
  (c >= 0xaa && LETTER.test(s[i] ?? ''));

/**
 * Lower-case word tokens: letters (any script), digits and $ % £ €; an apostrophe between letters stays inside
 * the word, folded to ' so "don’t" and "don't" are one word. A hand-written scanner: this is the hot loop of the
 * gate, and ASCII never reaches the regular expression.
 */
export function words(text: string): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  let curly = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (isWordChar(c, s, i)) {
      if (start < 0) start = i;
    } else if ((c === 39 || c === 0x2019) && start >= 0 && isWordChar(s.charCodeAt(i + 1), s, i + 1)) {
      curly ||= c === 0x2019;
    } else if (start >= 0) {
      const word = s.slice(start, i);
      out.push(curly ? word.replace(/’/g, "'") : word);
      start = -1;
      curly = false;
    }
  }
  return out;
}

const isAmount = (t: string): boolean => {
  const c = t.charCodeAt(0);
  const d = t.charCodeAt(1);
  return (c === 36 || c === 0x20ac || c === 0xa3) && d >= 48 && d <= 57;
};

/** Tokens with every money amount ("$5", "€200") read as the placeholder `$n` the phrase lists use. */
export function withAmounts(tokens: readonly string[]): readonly string[] {
  return tokens.some(isAmount) ? tokens.map((t) => (isAmount(t) ? '$n' : t)) : tokens;
}

// Scripts written without spaces between words: a run of them is a phrase, about two characters a word.
const UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** How many words a reader would count in these tokens (Chinese and Japanese runs by their length). */
export function countWords(tokens: readonly string[]): number {
  let n = 0;
  for (const t of tokens) n += t.charCodeAt(0) >= 0x3040 && UNSPACED.test(t) ? Math.ceil(t.length / 2) : 1;
  return n;
}

/**
 * Words that spam is made of (every word of four letters or more in the phrase lists, and a few more):
 * spelled out letter by letter ("F.R.E.E"), such a word is a trick to slip past filters.
 */
export const SPAM_WORDS: ReadonlySet<string> = new Set([
  ...[...SPAM_PHRASE_GROUPS.flatMap((g) => g.phrases), ...CREDENTIAL_ASKS, ...PAYMENT_ASKS]
    .flatMap((p) => words(p))
    .filter((w) => w.length >= 4 && /^[a-z]+$/.test(w)),
  ...list(
    'free|cash|money|earn|rich|loan|loans|credit|bonus|prize|winner|sale|deal|offer|discount|casino|sex|xxx',
  ),
  ...list('guarantee|guaranteed|viagra|cialis|pills|bitcoin|crypto|investment|income|profit|click|risk'),
]);

export interface PhraseIndex<T> {
  byFirst: Map<string, { tokens: string[]; phrase: string; tag: T }[]>;
  /**
   * The lengths of the first words that start with each character code below 128, one bit a length (0–31):
   * most tokens of a text start no phrase, and this says so before the Map has to hash them.
   */
  firstLengths: Uint32Array;
}

/** Whether a token may start a phrase: false only when no first word has its first character and length. */
function mayStart(firstLengths: Uint32Array, token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 128 || token.length > 31 || ((firstLengths[c] ?? 0) & (1 << token.length)) !== 0;
}

export function buildPhraseIndex<T>(entries: readonly (readonly [string, T])[]): PhraseIndex<T> {
  const byFirst: PhraseIndex<T>['byFirst'] = new Map();
  const firstLengths = new Uint32Array(128);
  for (const [phrase, tag] of entries) {
    const tokens = words(phrase);
    const first = tokens[0];
    if (first === undefined) continue;
    const c = first.charCodeAt(0);
    if (c < 128 && first.length <= 31) firstLengths[c] = (firstLengths[c] ?? 0) | (1 << first.length);
    const bucket = byFirst.get(first) ?? [];
    bucket.push({ tokens, phrase: tokens.join(' '), tag });
    byFirst.set(first, bucket);
  }
  return { byFirst, firstLengths };
}

/** Distinct phrases found in the token stream, each with its tag. One pass; cost grows with the text only. */
export function findPhrases<T>(index: PhraseIndex<T>, tokens: readonly string[]): Map<string, T> {
  const found = new Map<string, T>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!mayStart(index.firstLengths, token)) continue;
    const bucket = index.byFirst.get(token);
    if (!bucket) continue;
    for (const entry of bucket) {
      if (found.has(entry.phrase)) continue;
      let j = 1;
      while (j < entry.tokens.length && tokens[i + j] === entry.tokens[j]) j++;
      if (j === entry.tokens.length) found.set(entry.phrase, entry.tag);
    }
  }
  return found;
}
