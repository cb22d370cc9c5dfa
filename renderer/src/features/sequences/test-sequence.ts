import type { SequenceDoc } from '../../db/schemas/outreach';
import { blankStep, DEFAULT_SEQUENCE_SCHEDULE } from '../../db/sequences-repo';

/** A saved sequence for tests: id `s1`, three steps `a`, `b`, `c` (or `steps`), mailbox `mb1`. */
export const testSequence = (
  status: SequenceDoc['status'],
  steps: SequenceDoc['steps'] = [blankStep(0, 'a'), blankStep(1, 'b'), blankStep(2, 'c')],
): SequenceDoc => ({
  id: 's1',
  name: 'Intro',
  status,
  steps,
  mailboxIds: ['mb1'],
  schedule: DEFAULT_SEQUENCE_SCHEDULE,
  dailyLimit: 0,
  stopCompanyOnReply: false,
  rank: 1,
  createdAt: 0,
  updatedAt: 0,
});
