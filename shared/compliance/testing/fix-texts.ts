import { MAILBOX_KINDS, type MailboxKind } from '../../mailboxes/mailbox';
import { FIX_IN_HAND, FIX_TARGETS, REASONS, type ReasonCode } from '../reasons';

/** What a catalogue entry says about its fix, as the walker reads it (any entry, so a test can forge one). */
export interface FixEntry {
  fix?: string | ((p: never) => string);
  goTo?: string;
  doneIn?: string;
}

/**
 * A stand-in for any code's figures: every field reads as a word, `kind` as the mailbox kind asked for,
 * `selectors` as one selector, so each fix sentence can be built without knowing its parameter type.
 */
function sampleFigures(kind: MailboxKind): unknown {
  return new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === Symbol.toPrimitive) return () => 'sample';
        if (prop === 'kind') return kind;
        if (prop === 'selectors') return ['s1'];
        return 'sample';
      },
    },
  );
}

/** Each sentence the entry's fix can read as (one per mailbox kind when it depends on one). */
export function fixTexts(entry: FixEntry): string[] {
  const { fix } = entry;
  if (fix === undefined) return [];
  if (typeof fix === 'string') return [fix];
  return [...new Set(MAILBOX_KINDS.map((kind) => (fix as (p: unknown) => string)(sampleFigures(kind))))];
}

/**
 * Words that name a place in Fairsend (its screens are capitalised; a mailbox's settings are ours): a fix
 * that uses them must come with a button that goes there. A provider's own "settings" are not ours.
 */
const NAMES_A_PLACE = /\bSettings\b|\bMailboxes\b|this mailbox’s settings/;

/** What is wrong with an entry's fix: it must say where it is done, and a place it names must be a target. */
export function fixProblems(code: string, entry: FixEntry): string[] {
  const problems: string[] = [];
  const texts = fixTexts(entry);
  const where = [entry.goTo, entry.doneIn].filter((w) => w !== undefined);
  if (texts.length === 0) {
    if (where.length) problems.push(`${code}: says where a fix is done but has no fix`);
    return problems;
  }
  if (where.length !== 1) problems.push(`${code}: a fix needs exactly one of goTo or doneIn`);
  if (entry.goTo !== undefined && !(FIX_TARGETS as readonly string[]).includes(entry.goTo))
    problems.push(`${code}: goTo '${entry.goTo}' is not a fix target`);
  if (entry.doneIn !== undefined && !Object.hasOwn(FIX_IN_HAND, entry.doneIn))
    problems.push(`${code}: doneIn '${entry.doneIn}' is not a kind of fix in hand`);
  for (const text of texts)
    if (NAMES_A_PLACE.test(text) && entry.goTo === undefined)
      problems.push(`${code}: "${text}" names a place in the app but has no goTo`);
  return problems;
}

export const CATALOGUE = Object.entries(REASONS) as [ReasonCode, FixEntry][];
