import { describe, expect, it } from 'vitest';
import { sendChannels } from '../../../shared/ipc/send';
import type { LeadDoc } from '../db/schemas/leads';
import { blankStep, DEFAULT_SEQUENCE_SCHEDULE } from '../db/sequences-repo';
import { stepMessage, variantFor } from './step-message';

const lead = {
  id: 'ana@prospect.test',
  email: 'ana@prospect.test',
  firstName: 'Ana',
  lastName: '',
  company: 'Prospect',
  title: '',
  timezone: 'Europe/Berlin',
  custom: {},
} as unknown as LeadDoc;

const step = (over: Partial<ReturnType<typeof blankStep>> = {}) => ({ ...blankStep(0), ...over });

describe('a step as the email the gate is asked to send', () => {
  it('fills the templates, keeps the lead zone and carries the sequence window in whole hours', () => {
    const sequence = {
      steps: [step({ subject: 'Hi {{ first_name }}', body: '<p>{{ sender.first_name }} here</p>' })],
      schedule: { ...DEFAULT_SEQUENCE_SCHEDULE, startMinute: 9 * 60 + 30, endMinute: 16 * 60 + 15 },
    };
    const message = stepMessage({
      sequence,
      stepIndex: 0,
      enrollmentId: 'e1',
      mailboxId: 'mb1',
      lead,
      sender: { first_name: 'Rita' },
      earlier: [],
    });
    expect(message).toMatchObject({
      ok: true,
      variant: '',
      draft: {
        subject: 'Hi Ana',
        html: '<p>Rita here</p>',
        to: 'ana@prospect.test',
        leadTimeZone: 'Europe/Berlin',
        isFirstTouch: true,
        window: { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] },
      },
    });
  });

  it('names its sequence and step for the audit, as the bridge accepts it; an id that cannot be one is left out', () => {
    const steps = [step({ subject: 'One' })];
    const input = { stepIndex: 0, enrollmentId: 'e1', mailboxId: 'mb1', lead, sender: {}, earlier: [] };
    const named = stepMessage({
      ...input,
      sequence: { id: 'seq-1', steps, schedule: DEFAULT_SEQUENCE_SCHEDULE },
    });
    if (!named.ok) throw new Error(named.problem);
    expect(named.draft.sequence).toEqual({ sequenceId: 'seq-1', stepId: steps[0]!.id });
    const request = sendChannels['send.message'].request;
    expect(request.safeParse({ key: 'e1:0', draft: named.draft }).success).toBe(true);
    // an odd id (an old import) never stops the send: the step goes, counted for the rep only
    const odd = stepMessage({
      ...input,
      sequence: { id: 'a b/c', steps, schedule: DEFAULT_SEQUENCE_SCHEDULE },
    });
    expect(odd.ok && odd.draft.sequence).toBeUndefined();
    expect(request.safeParse({ key: 'e1:0', draft: odd.ok && odd.draft }).success).toBe(true);
    // the preview renders without an id: no reference
    const preview = stepMessage({ ...input, sequence: { steps, schedule: DEFAULT_SEQUENCE_SCHEDULE } });
    expect(preview.ok && preview.draft.sequence).toBeUndefined();
  });

  it('says which part cannot be filled instead of sending "Hi ,"', () => {
    const message = stepMessage({
      sequence: { steps: [step({ subject: 'Hi {{ last_name }}' })], schedule: DEFAULT_SEQUENCE_SCHEDULE },
      stepIndex: 0,
      enrollmentId: 'e1',
      mailboxId: 'mb1',
      lead,
      sender: {},
      earlier: [],
    });
    expect(message.ok).toBe(false);
  });

  it('a new-thread step keeps its own subject and no thread headers', () => {
    const message = stepMessage({
      sequence: {
        steps: [step({ subject: 'One' }), step({ subject: 'Two', threadWithPrevious: false })],
        schedule: DEFAULT_SEQUENCE_SCHEDULE,
      },
      stepIndex: 1,
      enrollmentId: 'e1',
      mailboxId: 'mb1',
      lead,
      sender: {},
      earlier: [{ subject: 'One', messageId: '<a@b>', startedThread: true }],
    });
    expect(message.ok && message.draft).toMatchObject({ subject: 'Two', isFirstTouch: false });
    expect(message.ok && message.draft.thread).toBeUndefined();
  });
});

describe('A/B variants', () => {
  const variants = [
    { id: 'a', subject: 'A', body: 'A', text: '', weight: 75 },
    { id: 'b', subject: 'B', body: 'B', text: '', weight: 25 },
  ];
  it('give a lead the same variant every time, split by weight', () => {
    const s = step({ variants });
    expect(variantFor('e1', s, 0)).toBe(variantFor('e1', s, 0));
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let i = 0; i < 4000; i++) counts[variantFor(`e${i}`, s, 0)]!++;
    expect(counts.a! / 4000).toBeGreaterThan(0.7);
    expect(counts.a! / 4000).toBeLessThan(0.8);
  });
});
