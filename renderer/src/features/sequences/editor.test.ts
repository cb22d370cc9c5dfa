import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { knownVariables } from '../../../../shared/sequences/templates/scope';
import { createFairsendDatabase } from '../../db/database';
import { createLeadsRepo } from '../../db/leads-repo';
import type { LeadDoc } from '../../db/schemas/leads';
import { blankStep, DEFAULT_SEQUENCE_SCHEDULE, type SequenceFields } from '../../db/sequences-repo';
import { customKeysOf } from './custom-keys';
import { minuteToTime, sequenceProblems, templateProblems, timeToMinute } from './editor-checks';
import { addStep, addVariant, evenSplit, moveStep, removeStep, removeVariant } from './editor-steps';
import { previewDraft, previewMessageId } from './preview-draft';
import { countEnrollments, replyRate } from './sequence-counts';

const known = knownVariables(['icebreaker']);
const step = (subject: string, body: string, i = 0) => ({ ...blankStep(i), subject, body });

function fields(steps = [step('Hi {{ first_name }}', '<p>Hello</p>')]): SequenceFields {
  return {
    name: 'Intro',
    steps,
    mailboxIds: ['mb1'],
    schedule: DEFAULT_SEQUENCE_SCHEDULE,
    dailyLimit: 0,
    stopCompanyOnReply: false,
  };
}

describe('steps', () => {
  it('keeps the first step at no delay and its own thread, however steps move', () => {
    let steps = addStep(addStep([step('A', 'a')]));
    expect(steps.map((s) => [s.delayBusinessDays, s.threadWithPrevious])).toEqual([
      [0, false],
      [2, true],
      [2, true],
    ]);
    steps = moveStep(steps, 0, 1);
    expect(steps[0]).toMatchObject({ delayBusinessDays: 0, threadWithPrevious: false });
    expect(steps[1]?.subject).toBe('A');
    steps = removeStep(steps, 0);
    expect(steps[0]).toMatchObject({ subject: 'A', delayBusinessDays: 0, threadWithPrevious: false });
    expect(removeStep([steps[0]!], 0)).toHaveLength(1);
    expect(moveStep(steps, 0, -1)).toEqual(steps);
  });

  it('splits variants evenly and folds the last one back into the step', () => {
    expect(evenSplit(3)).toEqual([34, 33, 33]);
    let s = addVariant(step('Subject', 'Body'));
    expect(s.variants.map((v) => [v.subject, v.weight])).toEqual([
      ['Subject', 50],
      ['Subject', 50],
    ]);
    s = addVariant(addVariant(addVariant(s)));
    expect(s.variants.map((v) => v.weight)).toEqual([25, 25, 25, 25]);
    s = { ...s, variants: s.variants.map((v, i) => ({ ...v, subject: `S${i}` })) };
    s = removeVariant(removeVariant(removeVariant(s, 0), 0), 0);
    expect(s).toMatchObject({ subject: 'S3', variants: [] });
  });
});

describe('checks', () => {
  it('places a syntax error and an unknown variable at their line and column', () => {
    const [syntax] = templateProblems('Hi\n{{ first_name ', 'body', known);
    expect(syntax).toMatchObject({ code: 'syntax', line: 2 });
    const [unknown] = templateProblems('Hello\n  {{ frist_name }}', 'subject', known);
    expect(unknown).toMatchObject({ code: 'unknown-variable', line: 2, column: 6, variable: 'frist_name' });
    expect(templateProblems('{{ custom.icebreaker }} {{ sender.name }}', 'body', known)).toEqual([]);
  });

  it('lists what keeps a sequence from being saved, in words', () => {
    expect(sequenceProblems(fields(), known)).toEqual([]);
    const bad = fields([step('', ''), { ...step('ignored {{ x', '{{ nope }}', 1) }]);
    bad.schedule = { ...bad.schedule, sendDays: [], startMinute: 600, endMinute: 540 };
    const found = sequenceProblems(bad, known);
    expect(found.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'Step 1: The subject is empty.',
      'Step 1: The message is empty.',
      'Step 2, message: Line 1, column 4: No lead field, column or sender field is called nope.',
      'Schedule: Choose at least one day to send on.',
      'Schedule: The send window ends before it starts.',
    ]);
    // a column the newest leads lack is shown, but may be on older ones: it does not stop a save
    expect(sequenceProblems(fields([step('Hi', '{{ custom.old_column }}')]), known)).toEqual([]);
    const split = fields([{ ...addVariant(step('A', 'a')) }]);
    split.steps[0]!.variants[0]!.weight = 60;
    expect(sequenceProblems(split, known).map((p) => p.message)).toEqual([
      "The variants' shares add up to 110%, not 100%.",
    ]);
  });

  it('reads and writes the window times, midnight ending the day', () => {
    expect(minuteToTime(540)).toBe('09:00');
    expect(timeToMinute('17:30', true)).toBe(1050);
    expect(timeToMinute('00:00', true)).toBe(1440);
    expect(timeToMinute('00:00')).toBe(0);
    expect(timeToMinute('nope')).toBeNull();
  });
});

const lead = {
  id: 'ana@prospect.test',
  email: 'ana@prospect.test',
  firstName: 'Ana',
  lastName: 'Lopez',
  company: 'Prospect',
  title: '',
  timezone: 'Europe/Berlin',
  custom: { icebreaker: 'Loved your talk' },
} as unknown as LeadDoc;
const mailbox = { id: 'mb1', displayName: 'Rita Rep', address: 'rita@acme.test' } as never;

describe('preview draft', () => {
  const steps = [
    step(
      'Hi {{ first_name }}',
      '<p>{{ custom.icebreaker }}, {{ company }}</p><p>{{ sender.first_name }}</p>',
    ),
    { ...step('unused', '<p>Bump</p>', 1), text: 'Bump, {{ first_name }}' },
    { ...step('Idea', '<p>New</p>', 2), threadWithPrevious: false },
  ];
  const input = { steps, schedule: DEFAULT_SEQUENCE_SCHEDULE, variant: 0, lead, mailbox, company: 'Acme' };

  it('renders the first step with the lead and sender, as a first touch in the schedule’s hours', () => {
    const made = previewDraft({ ...input, stepIndex: 0 });
    expect(made.ok && made.draft).toMatchObject({
      mailboxId: 'mb1',
      to: 'ana@prospect.test',
      toName: 'Ana Lopez',
      subject: 'Hi Ana',
      html: '<p>Loved your talk, Prospect</p><p>Rita</p>',
      isFirstTouch: true,
      kind: 'sequence',
      leadTimeZone: 'Europe/Berlin',
      window: { days: [1, 2, 3, 4, 5] },
    });
    expect(made.ok && made.draft.thread).toBeUndefined();
  });

  it('answers in the thread with Re:, the first subject and the earlier step’s stand-in Message-ID', () => {
    const made = previewDraft({ ...input, stepIndex: 1 });
    expect(made.ok && made.draft).toMatchObject({
      subject: 'Re: Hi Ana',
      text: 'Bump, Ana',
      isFirstTouch: false,
      thread: { inReplyTo: previewMessageId(0), references: [previewMessageId(0)] },
    });
    const fresh = previewDraft({ ...input, stepIndex: 2 });
    expect(fresh.ok && fresh.draft.subject).toBe('Idea');
    expect(fresh.ok && fresh.draft.thread).toBeUndefined();
  });

  it('renders the variant the rep picks', () => {
    const ab = addVariant(steps[0]!);
    ab.variants[1] = { ...ab.variants[1]!, subject: 'Quick one, {{ first_name }}' };
    expect(previewDraft({ ...input, steps: [ab], stepIndex: 0, variant: 1 })).toMatchObject({
      draft: { subject: 'Quick one, Ana' },
    });
  });

  it('says what a lead lacks instead of sending "Hi ,"', () => {
    const noName = { ...lead, firstName: '' } as LeadDoc;
    const made = previewDraft({ ...input, lead: noName, stepIndex: 0 });
    expect(made.ok).toBe(false);
    expect(!made.ok && made.problems.join()).toMatch(/first_name/);
  });
});

describe('counts', () => {
  it('counts a sequence’s enrollments by status, replies among the stopped', async () => {
    const db = await createFairsendDatabase('sequence-counts-test', getRxStorageMemory());
    const row = (leadId: string, sequenceId: string, status: string, stopReason?: string) => ({
      id: `${sequenceId}|${leadId}`,
      sequenceId,
      leadId,
      mailboxId: 'mb1',
      step: 0,
      status,
      ...(stopReason ? { stopReason } : {}),
      nextSendAt: 0,
      updatedAt: 0,
    });
    await db.enrollments.bulkInsert([
      row('a', 's1', 'active'),
      row('b', 's1', 'paused'),
      row('c', 's1', 'finished'),
      row('d', 's1', 'stopped', 'replied'),
      row('e', 's1', 'stopped', 'bounced'),
      row('f', 's2', 'active'),
    ] as never);
    const counts = await countEnrollments(db, 's1');
    expect(counts).toEqual({ enrolled: 5, active: 2, finished: 1, replied: 1 });
    expect(replyRate(counts)).toBe('20%');
    expect(replyRate({ ...counts, enrolled: 0 })).toBe('–');
    await db.close();
  });
});

describe('custom columns for the picker', () => {
  it('come from the newest leads, each name once, sorted', async () => {
    const db = await createFairsendDatabase('sequence-custom-keys-test', getRxStorageMemory());
    const leads = createLeadsRepo(db);
    const add = (email: string, custom: Record<string, string>) =>
      leads.create({ email, firstName: '', lastName: '', company: '', title: '', timezone: '', custom });
    await add('old@prospect.test', { old_column: 'x' });
    await add('a@prospect.test', { icebreaker: 'Hi', role: 'VP' });
    await add('b@prospect.test', { icebreaker: 'Yo' });
    expect(await customKeysOf(db)).toEqual(['icebreaker', 'old_column', 'role']);
    expect(await customKeysOf(db, 2)).toEqual(['icebreaker', 'role']);
    await db.close();
  });
});
