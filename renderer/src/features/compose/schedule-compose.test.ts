import { describe, expect, it } from 'vitest';
import type { SendPreview } from '../../../../shared/ipc/send';
import { blockedOutcome, SUPPRESSED, sentOutcome } from '../../../../shared/outbox/testing/outcomes';
import { heldForLater, heldForLaterText, scheduleTimeOf, sendLabel } from './schedule-compose';

const AT = Date.UTC(2027, 0, 6, 8, 0);
const cap = {
  code: 'daily-cap-reached' as const,
  message: 'This mailbox has sent 1 of its 1 emails for today.',
};
const message = { headers: [] as [string, string][], html: '<p>Hi</p>', text: 'Hi' };
const preview = (over: Partial<SendPreview>): SendPreview => ({
  verdict: 'block',
  score: 0,
  reasons: [cap],
  message,
  ...over,
});

describe('a draft Compose can schedule', () => {
  it('is one the gate blocks and names a time for, with a message assembled', () => {
    expect(scheduleTimeOf(preview({ scheduleAt: AT }))).toBe(AT);
  });

  it('is not one that can go now, one blocked by anything else, or one assembly refused', () => {
    expect(scheduleTimeOf(preview({ verdict: 'ok', reasons: [] }))).toBeUndefined();
    expect(scheduleTimeOf(preview({}))).toBeUndefined();
    expect(scheduleTimeOf(preview({ scheduleAt: AT, message: null }))).toBeUndefined();
    expect(scheduleTimeOf(null)).toBeUndefined();
  });

  it('says on the button when it would go', () => {
    expect(sendLabel(undefined)).toBe('Send');
    expect(sendLabel(AT, AT - 12 * 3_600_000)).toMatch(/^Send (today|tomorrow) at \d\d:\d\d$/);
  });

  it('is also one main held for later when it was sent (the cap filled meanwhile), in words', () => {
    const held = heldForLater(blockedOutcome([cap], AT));
    expect(held?.scheduleAt).toBe(AT);
    expect(heldForLaterText(held!, AT - 12 * 3_600_000)).toMatch(
      /^Not sent: This mailbox has sent 1 of its 1 emails for today\. Send now schedules it for (today|tomorrow) at \d\d:\d\d\.$/,
    );
    expect(heldForLater(blockedOutcome([SUPPRESSED]))).toBeNull();
    expect(heldForLater(sentOutcome())).toBeNull();
    expect(heldForLater(null)).toBeNull();
  });
});
