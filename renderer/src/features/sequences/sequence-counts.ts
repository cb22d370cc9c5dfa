import type { FairsendDatabase } from '../../db/database';
import type { EnrollmentDoc } from '../../db/schemas/outreach';

/** What the list shows per sequence: its leads by where they are, and how many answered. */
export interface SequenceCounts {
  enrolled: number;
  active: number;
  finished: number;
  replied: number;
}

export const NO_COUNTS: SequenceCounts = { enrolled: 0, active: 0, finished: 0, replied: 0 };

const STATUSES: readonly EnrollmentDoc['status'][] = ['active', 'paused', 'finished', 'stopped'];

/**
 * Counted through the enrollments' `[sequenceId, status]` index, one count per status (never a scan of the
 * sequence's leads); replies are the stopped ones whose reason is a reply.
 */
export async function countEnrollments(db: FairsendDatabase, sequenceId: string): Promise<SequenceCounts> {
  const count = (status: EnrollmentDoc['status'], extra: object = {}) =>
    db.enrollments.count({ selector: { sequenceId, status, ...extra } }).exec();
  const [byStatus, replied] = await Promise.all([
    Promise.all(STATUSES.map((status) => count(status))),
    count('stopped', { stopReason: 'replied' }),
  ]);
  const [active = 0, paused = 0, finished = 0, stopped = 0] = byStatus;
  return { enrolled: active + paused + finished + stopped, active: active + paused, finished, replied };
}

/** "12%", or "–" before anyone is enrolled. */
export function replyRate(counts: SequenceCounts): string {
  if (!counts.enrolled) return '–';
  const rate = (100 * counts.replied) / counts.enrolled;
  return `${rate < 10 && rate > 0 ? rate.toFixed(1) : Math.round(rate)}%`;
}
