import { describe, expect, it } from 'vitest';
import { WAIT_REASONS } from '../../../../../shared/sequences/types';
import { AREAS } from '../../../store';
import { PLACE_PARAMS } from '../../../store/address';
import { timelineOf, waitWords } from './timeline';
import { waitFixOf } from './wait-fixes';

/** Waits that end on their own: the window opens, a day comes, the mailbox's count restarts. */
const TIME_ENDS = new Set([
  'pacing',
  'outside-window',
  'not-a-send-day',
  'public-holiday',
  'mailbox-at-cap',
  'mailbox-day-full',
  'mailbox-busy',
  // Resume sending is at the foot of the menu on every screen (the words say so): no place to go to
  'sending-paused',
]);
const WAIT = { mailboxId: 'mb-7', sequenceId: 'seq-3' };

describe('the button beside a waiting step', () => {
  it('exists for every wait only the rep can end, and goes to a screen the app has', () => {
    for (const code of [...WAIT_REASONS, 'mailbox-paused-by-rep', 'unknown-fate', 'sending-paused']) {
      const fix = waitFixOf(code, WAIT);
      if (TIME_ENDS.has(code)) {
        expect(fix, code).toBeUndefined();
        continue;
      }
      expect(fix, code).toBeDefined();
      expect(AREAS, code).toContain(fix?.area);
    }
  });

  it('opens the lead’s own mailbox or sequence, not just the screen', () => {
    expect(waitFixOf('mailbox-disconnected', WAIT)?.open).toEqual({ [PLACE_PARAMS.mailbox]: 'mb-7' });
    expect(waitFixOf('sequence-paused', WAIT)?.open).toEqual({ [PLACE_PARAMS.sequence]: 'seq-3' });
  });

  it('has words for the waits the runner writes besides the planner’s', () => {
    for (const code of ['mailbox-paused-by-rep', 'unknown-fate', 'sending-paused', 'out-of-office'])
      expect(waitWords(code), code).not.toMatch(/held back \(see the Outbox/);
  });

  it('is none for a code it does not know, even one named like an object property', () => {
    expect(waitFixOf('toString', WAIT)).toBeUndefined();
    expect(waitFixOf('', WAIT)).toBeUndefined();
  });

  it('rides on the timeline’s waiting entry', () => {
    const [, waiting] = timelineOf(
      [
        {
          id: 'e1',
          sequenceId: 'seq-3',
          leadId: 'ana@prospect.test',
          mailboxId: 'mb-7',
          step: 1,
          status: 'active',
          waitReason: 'mailbox-breaker',
          variants: [],
          nextSendAt: 500,
          enrolledAt: 100,
          updatedAt: 400,
        },
      ],
      [],
      () => 'Q',
    );
    expect(waiting).toMatchObject({
      kind: 'waiting',
      text: waitWords('mailbox-breaker'),
      fix: { label: 'Open the mailbox', area: 'mailboxes', open: { [PLACE_PARAMS.mailbox]: 'mb-7' } },
    });
  });
});
