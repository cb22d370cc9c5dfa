import type { FairsendDatabase } from '../../db/database';
import type { MessagesRepo, OutboxStatus } from '../../db/messages-repo';
import { OUTBOX_STATUSES } from '../../db/messages-repo';
import type { MessageDoc } from '../../db/schemas/outreach';

export interface SequenceFilter {
  sequenceId: string;
  /** 0-based; null for every step */
  step: number | null;
}

/**
 * The Outbox's messages of one sequence (and step): its enrollments through `[sequenceId, status]`, then the
 * records of their steps by primary key (`enrollmentId:step`), newest first. Messages carry no sequence id,
 * and the keys are already an index, so no new one is needed.
 */
export async function sequenceMessages(
  db: FairsendDatabase,
  messages: MessagesRepo,
  filter: SequenceFilter,
): Promise<MessageDoc[]> {
  const docs = await db.enrollments
    .find({ selector: { sequenceId: filter.sequenceId }, index: ['sequenceId', 'status'] })
    .exec();
  const keys = docs.flatMap(({ id, step }) =>
    filter.step === null
      ? Array.from({ length: step + 1 }, (_, s) => `${id}:${s}`)
      : filter.step <= step
        ? [`${id}:${filter.step}`]
        : [],
  );
  const found = await messages.byKeys(keys);
  return [...found.values()]
    .filter((m) => (OUTBOX_STATUSES as readonly string[]).includes(m.status))
    .sort((a, b) => a.rank - b.rank);
}

/** The chips' counts over these messages: all, then each status. */
export function countsOf(list: readonly MessageDoc[]): Record<string, number> {
  const counts: Record<string, number> = { '': list.length };
  for (const s of OUTBOX_STATUSES) counts[s] = list.filter((m) => m.status === (s as OutboxStatus)).length;
  return counts;
}
