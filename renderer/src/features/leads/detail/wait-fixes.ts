import type { Area } from '../../../store';
import { PLACE_PARAMS } from '../../../store/address';

/** A button beside a waiting step: where the rep ends the wait, when only the rep can. */
export interface WaitFix {
  label: string;
  area: Area;
  /** what the screen opens (address parameters) */
  open?: Record<string, string>;
}

interface WaitOf {
  mailboxId: string;
  sequenceId: string;
}

const openMailbox = ({ mailboxId }: WaitOf): WaitFix => ({
  label: 'Open the mailbox',
  area: 'mailboxes',
  open: { [PLACE_PARAMS.mailbox]: mailboxId },
});
const openSequence = ({ sequenceId }: WaitOf): WaitFix => ({
  label: 'Open the sequence',
  area: 'sequences',
  open: { [PLACE_PARAMS.sequence]: sequenceId },
});

/**
 * Waits the rep ends (a paused or disconnected mailbox, a paused sequence, a held email). Waits that time
 * ends (the window, a send day, a holiday, a full day, an out-of-office) have no button: nothing to do.
 */
const WAIT_FIXES: Record<string, (wait: WaitOf) => WaitFix> = {
  'mailbox-paused': openMailbox,
  'mailbox-paused-by-rep': openMailbox,
  'mailbox-breaker': openMailbox,
  'mailbox-disconnected': openMailbox,
  // removed: it can be connected again (the lead never switches sender on its own)
  'mailbox-gone': () => ({ label: 'Go to Mailboxes', area: 'mailboxes' }),
  'sequence-paused': openSequence,
  'no-send-days': openSequence,
  'sequence-daily-limit': openSequence,
  'unknown-fate': () => ({ label: 'Open the Outbox', area: 'outbox' }),
};

/** The button for a waiting step, if the rep is the one who can end the wait. Stored codes: any string. */
export function waitFixOf(code: string, wait: WaitOf): WaitFix | undefined {
  return Object.hasOwn(WAIT_FIXES, code) ? WAIT_FIXES[code]?.(wait) : undefined;
}
