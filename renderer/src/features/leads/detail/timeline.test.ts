import { describe, expect, it } from 'vitest';
import { SEND_FAILURE_CODES } from '../../../../../shared/outbox/failure-codes';
import type { EnrollmentDoc, MessageDoc } from '../../../db/schemas/outreach';
import { FAILED_STOPS, LEAD_STOPS } from '../../../engine/step-outcome';
import { stopWords, timelineOf, waitWords } from './timeline';

const enrollment = (over: Partial<EnrollmentDoc> = {}): EnrollmentDoc => ({
  id: 'e1',
  sequenceId: 'q1',
  leadId: 'ana@prospect.test',
  mailboxId: 'mb1',
  step: 2,
  status: 'stopped',
  stopReason: 'replied',
  waitReason: '',
  variants: ['', ''],
  nextSendAt: 500,
  enrolledAt: 100,
  updatedAt: 400,
  ...over,
});
const message = (step: number, at: number, over: Partial<MessageDoc> = {}): MessageDoc => ({
  id: `e1:${step}`,
  leadId: 'ana@prospect.test',
  mailboxId: 'mb1',
  enrollmentId: 'e1',
  step,
  status: 'sent',
  subject: step ? 'Re: Hello' : 'Hello',
  reasons: [],
  scheduledAt: at,
  sentAt: at,
  rank: 1,
  ...over,
});

describe('a lead’s sequence timeline', () => {
  it('offers Pause on a running enrollment, and Resume with the reason on one the rep paused', () => {
    const running = timelineOf(
      [enrollment({ status: 'active', waitReason: 'out-of-office' })],
      [],
      () => 'Q',
    );
    expect(running[0]).toMatchObject({ kind: 'enrolled', control: 'pause' });
    expect(running[1]).toMatchObject({
      kind: 'waiting',
      code: 'out-of-office',
      text: expect.stringContaining('away'),
    });
    const paused = timelineOf([enrollment({ status: 'paused' })], [], () => 'Q');
    expect(paused[0]).toMatchObject({ kind: 'enrolled', control: 'resume' });
    expect(paused[1]).toMatchObject({
      kind: 'waiting',
      code: 'paused-by-rep',
      text: expect.stringContaining('Resume'),
    });
    expect(timelineOf([enrollment()], [], () => 'Q')[0]).not.toHaveProperty('control');
  });

  it('reads enrolled, each step sent, then the stop and why, in time order', () => {
    const entries = timelineOf([enrollment()], [message(1, 300), message(0, 200)], () => 'Outbound');
    expect(entries.map((e) => e.kind)).toEqual(['enrolled', 'step', 'step', 'stopped']);
    expect(entries[2]).toMatchObject({ step: 1, subject: 'Re: Hello', messageKey: 'e1:1' });
    expect(entries[3]).toMatchObject({ code: 'replied', text: expect.stringContaining('replied') });
  });

  it('says why an active enrollment waits, and why a step was held back; other leads’ messages stay out', () => {
    const entries = timelineOf(
      [enrollment({ status: 'active', stopReason: undefined, step: 0, waitReason: 'mailbox-breaker' })],
      [
        message(0, 200, {
          status: 'blocked',
          reasons: [{ code: 'daily-cap-reached', message: 'Cap reached.' }],
        }),
        message(0, 250, { id: 'one-off', enrollmentId: undefined }),
      ],
      () => 'Outbound',
    );
    expect(entries.map((e) => e.kind)).toEqual(['enrolled', 'step', 'waiting']);
    expect(entries[1]).toMatchObject({ reason: { code: 'daily-cap-reached', text: 'Cap reached.' } });
    expect(entries[2]).toMatchObject({ text: expect.stringContaining('too many bounces') });
  });
});

describe('the timeline’s words for send codes', () => {
  it('has its own sentence for every stop the engine makes of a send’s code', () => {
    for (const code of [...LEAD_STOPS, ...FAILED_STOPS])
      expect(stopWords(code), code).not.toBe(stopWords('no-such-stop'));
  });

  it('says what a step waits for after every send failure the engine does not stop on', () => {
    for (const code of SEND_FAILURE_CODES) {
      const stops = (FAILED_STOPS as readonly string[]).includes(code);
      if (stops) expect(stopWords(code), code).not.toBe(stopWords('no-such-stop'));
      else expect(waitWords(code), code).not.toBe(waitWords('no-such-wait'));
    }
  });
});
