import type { SendOutcome } from '../../../../shared/ipc/send';
import { type DraftFields, isBlankDraft } from '../../db/drafts-repo';

/** Rules of Compose's drafts: when closing asks, when a send removes the draft, how a restore is announced. */

type Text = Pick<DraftFields, 'subject' | 'body'>;

export const sameText = (a: Text, b: Text): boolean => a.subject === b.subject && a.body === b.body;

export const sameDraft = (a: DraftFields, b: DraftFields): boolean =>
  sameText(a, b) && a.mailboxId === b.mailboxId;

/**
 * Closing asks "Keep as draft / Discard / Go back" when the rep typed something in this Compose: the text is
 * not blank and is not what Compose opened with (the restored draft, or nothing).
 */
export function asksBeforeClosing(current: Text, openedWith: Text): boolean {
  return !isBlankDraft(current) && !sameText(current, openedWith);
}

/**
 * A send removes the draft once the email went out (now, or by an earlier attempt). A blocked, failed or
 * undecided send keeps it, so the rep can fix it and try again without retyping.
 */
export function draftGoesAfter(outcome: SendOutcome): boolean {
  return outcome.status === 'sent' || (outcome.status === 'duplicate' && outcome.state === 'sent');
}

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When a draft was saved, in the rep's words: the time today, the date and time before. */
export function draftTime(savedAt: number, now: number = Date.now()): string {
  const sameDay = new Date(savedAt).toDateString() === new Date(now).toDateString();
  return (sameDay ? TIME : DAY_AND_TIME).format(savedAt);
}
