import { describe, expect, it } from 'vitest';
import {
  disguisedWords,
  foldLookalikes,
  joinSpelledOut,
  spelledOutWords,
  stripInvisible,
} from './text-tricks';

const always = () => true;
const never = () => false;

describe('invisible characters and look-alike letters', () => {
  it('reads look-alikes as the Latin letters they imitate, and drops invisible characters', () => {
    expect(foldLookalikes('Сlick hеrе')).toBe('Click here'); // Cyrillic С е е
    expect(foldLookalikes('Yοur bοnus')).toBe('Your bonus'); // Greek ο
    expect(stripInvisible('fr\u200bee mo\u200dney\ufeff')).toBe('free money');
    expect(foldLookalikes('plain text')).toBe('plain text');
  });

  it.each([
    ['fr\u200bee trial', ['free']],
    ['mo\u2060ney', ['money']],
    ['frее gift', ['frее']], // Cyrillic е, shown as written
    ['Yοur bοnus', ['Yοur', 'bοnus']],
    ['ca\u00adsh', ['cash']], // a soft hyphen splitting a word worth hiding
  ])('%j hides %j', (text, found) => {
    expect(disguisedWords(text, (w) => w === 'cash')).toEqual(found);
  });

  it.each([
    ['Здравствуйте, Анна', 'Russian, one script'],
    ['Καλησπέρα κύριε', 'Greek, one script'],
    ['Ein\u00adarbeitung neuer Mit\u00adarbeiter', 'German hyphenation hints'],
    ['👩‍💻 team', 'an emoji joined with ZWJ'],
    ['می‌خواهم', 'Persian with ZWNJ'],
    ['café déjà vu', 'Latin with accents'],
  ])('%j is fine (%s)', (text) => {
    expect(disguisedWords(text, never)).toEqual([]);
  });

  it('stops after a few findings', () => {
    expect(disguisedWords('frее '.repeat(100), always)).toHaveLength(3);
  });
});

describe('words spelled out letter by letter', () => {
  it.each([
    ['Start your F.R.E.E trial', ['free']],
    ['e.a.r.n extra c.a.s.h', ['earn', 'cash']],
    ['g-u-a-r-a-n-t-e-e', ['guarantee']],
    ['G u a r a n t e e d results', ['guaranteed']],
    ['r i s k  f r e e', ['risk', 'free']],
    ['V.I.A.G.R.A and C.I.A.L.I.S', ['viagra', 'cialis']],
    ['our U.S.A. team', ['usa']],
    ['A/B/C testing', ['abc']],
  ])('%j', (text, found) => {
    expect(spelledOutWords(text).map((s) => s.word)).toEqual(found);
  });

  it.each(['e.g. this', 'i.e. that', 'a b', 'I am a rep', 'P.S. thanks', '王 经理'])(
    '%j spells nothing',
    (text) => {
      expect(spelledOutWords(text)).toEqual([]);
    },
  );

  it('writes spelled-out words whole, in place', () => {
    const text = 'A F.R.E.E trial and m o n e y back';
    expect(joinSpelledOut(text, spelledOutWords(text))).toBe('A free trial and money back');
    const mixed = 'x y z F.R.E.E';
    expect(spelledOutWords(mixed).map((s) => s.written)).toEqual(['x y z', 'F.R.E.E']);
    expect(joinSpelledOut(mixed, spelledOutWords(mixed))).toBe('xyz free');
  });
});
