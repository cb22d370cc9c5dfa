import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockedOutcome, SUPPRESSED, sentOutcome } from '../../../../shared/outbox/testing/outcomes';
import { createFairsendDatabase, type FairsendDatabase } from '../../db/database';
import { createMessagesRepo, type MessagesRepo } from '../../db/messages-repo';
import { countsOf, sequenceMessages } from './sequence-messages';

let db: FairsendDatabase;
let messages: MessagesRepo;
let n = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`outbox-sequence-${++n}`, getRxStorageMemory());
  messages = createMessagesRepo(db);
});
afterEach(() => db.close());

async function enrollment(id: string, sequenceId: string, step: number) {
  await db.enrollments.insert({
    id,
    sequenceId,
    leadId: `${id}@example.test`,
    mailboxId: 'mb1',
    step,
    status: 'active',
    variants: [],
    nextSendAt: 5,
    enrolledAt: 1,
    updatedAt: 1,
  });
}

const book = (enrollmentId: string, step: number, outcome = sentOutcome()) =>
  messages.record({
    key: `${enrollmentId}:${step}`,
    leadId: `${enrollmentId}@example.test`,
    mailboxId: 'mb1',
    subject: `${enrollmentId} step ${step + 1}`,
    outcome,
    sequence: { enrollmentId, step },
  });

describe("the Outbox's sequence filter", () => {
  it("lists one sequence's messages, or one step's, newest first, and leaves out other mail", async () => {
    await enrollment('e1', 's1', 2);
    await enrollment('e2', 's1', 1);
    await enrollment('e3', 's2', 1);
    await book('e1', 0);
    await book('e2', 0);
    await book('e1', 1);
    await book('e2', 1, blockedOutcome([SUPPRESSED]));
    await book('e3', 0);
    await messages.record({
      key: 'one-off',
      leadId: 'x@example.test',
      mailboxId: 'mb1',
      subject: 'one-off',
      outcome: sentOutcome(),
    });
    const all = await sequenceMessages(db, messages, { sequenceId: 's1', step: null });
    expect(all.map((m) => m.subject)).toEqual(['e2 step 2', 'e1 step 2', 'e2 step 1', 'e1 step 1']);
    expect(countsOf(all)).toEqual({ '': 4, sent: 3, failed: 0, blocked: 1 });
    const second = await sequenceMessages(db, messages, { sequenceId: 's1', step: 1 });
    expect(second.map((m) => [m.subject, m.status])).toEqual([
      ['e2 step 2', 'blocked'],
      ['e1 step 2', 'sent'],
    ]);
  });
});
