import type { FairsendDatabase } from '../../db/database';
import type { MessagesRepo } from '../../db/messages-repo';
import type { SequenceDoc } from '../../db/schemas/outreach';
import { localDay } from '../../engine/plan-input';
import { reportKeys, type SequenceReport, sequenceReport } from './sequence-report';

/**
 * Reads a sequence's report: its enrollments through `[sequenceId, status]` (a range on the sequence), then
 * their steps' message records by primary key (`enrollmentId:step`), and the statuses of the leads who
 * replied by primary key, so no scan and no new index.
 */
export async function readSequenceReport(
  db: FairsendDatabase,
  messages: MessagesRepo,
  sequence: SequenceDoc,
  timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone,
): Promise<SequenceReport> {
  const docs = await db.enrollments
    .find({ selector: { sequenceId: sequence.id }, index: ['sequenceId', 'status'] })
    .exec();
  const enrollments = docs.map((d) => d.toMutableJSON());
  const found = await messages.byKeys(reportKeys(sequence, enrollments));
  // the statuses of leads who answered, by primary key: a reply from an opted-out lead asked to be removed
  const answered = [...new Set(enrollments.filter((e) => e.stopReason === 'replied').map((e) => e.leadId))];
  const leads = answered.length ? await db.leads.findByIds(answered).exec() : new Map();
  return sequenceReport(
    sequence,
    enrollments,
    found,
    (at) => localDay(at, timeZone),
    (leadId) => leads.get(leadId)?.status,
  );
}
