/**
 * Tricks that make words read one way to a person and another to a filter: invisible characters inside words
 * ("fr\u200Bee"), Cyrillic or Greek letters that look Latin ("frее" with Cyrillic е), and words spelled out
 * letter by letter ("F.R.E.E", "g-u-a-r-a-n-t-e-e"). Each finder is linear in the text, and each comes with
 * a way back to the words a reader sees, so the phrase rules cannot be dodged this way.
 */

// Format characters (zero-width space and joiners, bidi marks, BOM, soft hyphen …) and the grapheme joiner.
const INVISIBLE = /\p{Cf}|\u034f/gu;

const NON_ASCII = /[\u0080-\uffff]/;

/** The text without invisible characters. */
export function stripInvisible(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
}

// Cyrillic and Greek letters drawn like Latin ones (the confusables of UTS #39 that matter in practice).
// biome-ignore format: pairs read as a table
const LOOKALIKE_PAIRS = [
  'аa', 'вb', 'еe', 'ёe', 'кk', 'мm', 'нh', 'оo', 'рp', 'сc', 'тt', 'уy', 'хx', 'іi', 'їi', 'јj', 'ѕs', 'һh', 'ԁd',
  'ԛq', 'ԝw', 'ӏl', 'ьb', 'АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'УY', 'ХX', 'ІI', 'ЈJ',
  'ЅS', 'αa', 'βb', 'ιi', 'κk', 'νv', 'οo', 'ρp', 'τt', 'υu', 'χx', 'ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK',
  'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX',
];
const LOOKALIKE = new Map(LOOKALIKE_PAIRS.map((p) => [p[0] as string, p[1] as string]));
const LOOKALIKE_CLASS = new RegExp(`[${[...LOOKALIKE.keys()].join('')}]`, 'u');
const LOOKALIKE_ALL = new RegExp(LOOKALIKE_CLASS.source, 'gu');

/** Every Cyrillic or Greek look-alike replaced by the Latin letter it imitates. */
export function foldLookalikes(s: string): string {
  return NON_ASCII.test(s) && LOOKALIKE_CLASS.test(s)
    ? s.replace(LOOKALIKE_ALL, (c) => LOOKALIKE.get(c) ?? c)
    : s;
}

const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{M}\p{Cf}]+/gu; // \p{M} includes the grapheme joiner U+034F

// Invisible characters that have no business inside a Latin word. The soft hyphen is left out: pasted German
// and Dutch text carries it as a hyphenation hint; it counts only where it splits a spam word (see `isSuspect`).
const HIDDEN_IN_WORD = /\p{L}(?:[\u200b-\u200d\u2060-\u2064\ufeff]|\u034f)+\p{L}/u;
const SOFT_HYPHEN_IN_WORD = /\p{L}\u00ad+\p{L}/u;

/**
 * Words a reader sees as Latin that are not: an invisible character between letters of a word with a Latin
 * letter in it, or Latin letters mixed with Cyrillic or Greek look-alikes. `isSuspect` says whether a word
 * split only by soft hyphens is one worth hiding. Up to `max` of them, as a reader sees them.
 */
export function disguisedWords(text: string, isSuspect: (word: string) => boolean, max = 3): string[] {
  if (!NON_ASCII.test(text)) return [];
  const found: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null && found.length < max; m = WORD.exec(text)) {
    const word = m[0];
    if (!NON_ASCII.test(word) || !LATIN.test(word)) continue;
    const visible = stripInvisible(word);
    const hidden =
      HIDDEN_IN_WORD.test(word) || (SOFT_HYPHEN_IN_WORD.test(word) && isSuspect(visible.toLowerCase()));
    if (hidden || LOOKALIKE_CLASS.test(visible)) found.push(visible);
  }
  return found;
}

// A letter standing alone: no letter or digit on either side.
const LONE_LETTER = /(?<![\p{L}\p{N}])\p{L}(?![\p{L}\p{N}])/gu;
// What may stand between spelled-out letters of one word.
const LETTER_GAP = /^(?:[.\-_*·•|/]\s?|\s)$/u;
// Three lone letters with such gaps, Latin or not: the quick test before the full scan.
const MAYBE_SPELLED =
  /(?:^|[^\p{L}\p{N}])\p{L}(?:[.\-_*·•|/]\s?|\s)\p{L}(?:[.\-_*·•|/]\s?|\s)\p{L}(?![\p{L}\p{N}])/u;

export interface SpelledOut {
  /** as written, e.g. "F.R.E.E" */
  written: string;
  /** the word it spells, lower case, e.g. "free" */
  word: string;
  /** where it is written in the text */
  start: number;
}

/**
 * Words spelled out letter by letter with dots, dashes or spaces between the letters (three letters or more).
 * One word keeps one separator, so "A F.R.E.E trial" spells "free", not "afree".
 */
export function spelledOutWords(text: string): SpelledOut[] {
  // Nearly every text has no three lone letters in a row: one cheap scan says so.
  if (!MAYBE_SPELLED.test(text)) return [];
  const out: SpelledOut[] = [];
  // `lastStart` is where the last letter begins, `endBefore` where the letter before it ends.
  type Run = {
    start: number;
    end: number;
    letters: string;
    sep: string | null;
    lastStart: number;
    endBefore: number;
  };
  let run: Run | null = null;
  const flush = (r: Run | null, end = r?.end ?? 0, letters = r?.letters ?? '') => {
    if (r && letters.length >= 3)
      out.push({ written: text.slice(r.start, end), word: letters, start: r.start });
  };
  LONE_LETTER.lastIndex = 0;
  for (let m = LONE_LETTER.exec(text); m !== null; m = LONE_LETTER.exec(text)) {
    const letter = m[0].toLowerCase();
    const end = m.index + m[0].length;
    const gap: string = run && m.index - run.end <= 2 ? text.slice(run.end, m.index) : '';
    const sep: string | null = LETTER_GAP.test(gap) ? gap.trim() || ' ' : null;
    if (run && sep !== null && (run.sep === null || run.sep === sep)) {
      run.endBefore = run.end;
      run.end = end;
      run.letters += letter;
      run.sep = sep;
      run.lastStart = m.index;
    } else if (run && sep !== null) {
      // The separator changed: the previous letter starts a new word ("A F.R.E.E").
      const previous: string = run.letters.slice(-1);
      flush(run, run.endBefore, run.letters.slice(0, -1));
      run = {
        start: run.lastStart,
        end,
        letters: previous + letter,
        sep,
        lastStart: m.index,
        endBefore: run.end,
      };
    } else {
      flush(run);
      run = { start: m.index, end, letters: letter, sep: null, lastStart: m.index, endBefore: m.index };
    }
  }
  flush(run);
  return out;
}

/** The text with spelled-out words written whole ("F.R.E.E trial" → "free trial"), in one pass. */
export function joinSpelledOut(text: string, spelled: readonly SpelledOut[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const s of spelled) {
    parts.push(text.slice(pos, s.start), s.word);
    pos = s.start + s.written.length;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
