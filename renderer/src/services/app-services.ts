import type { AuditLog } from '../bridge/audit';
import type { InboxSync } from '../bridge/inbox';
import type { FairsendDatabase } from '../db/database';
import type { DraftsRepo } from '../db/drafts-repo';
import type { EnrollmentsRepo } from '../db/enrollments-repo';
import type { LeadLists } from '../db/lead-list';
import type { LeadSuppression } from '../db/lead-suppression';
import type { LeadsRepo } from '../db/leads-repo';
import type { MessagesRepo } from '../db/messages-repo';
import type { SequencesRepo } from '../db/sequences-repo';
import type { SuppressionRepo } from '../db/suppression-repo';
import type { SequenceEngine } from '../engine/lazy-engine';
import type { ScheduledSender } from '../scheduler/scheduled-sender';

/**
 * Everything the screens use to reach data and main, built once by the composition root
 * (renderer/src/app/composition.ts) and handed down by <ServicesProvider>. One instance of each per window:
 * the leads repo keeps the status counters and the suppression repo hands out ranks, so a second copy of
 * either would drift.
 */
export interface AppServices {
  /** the open database, for list queries and change feeds that read collections directly */
  db: FairsendDatabase;
  leads: LeadsRepo;
  /** opens the Leads screen's lists (and the lead pickers' searches), with the positions they share */
  leadLists: LeadLists;
  suppression: SuppressionRepo;
  /** which leads the suppression list covers (their flag, and the entries behind it) */
  leadSuppression: LeadSuppression;
  messages: MessagesRepo;
  /** one-offs waiting for the daily cap or the send window, and the job that sends them when due */
  scheduled: ScheduledSender;
  /** the rep's unsent Compose emails, one per lead */
  drafts: DraftsRepo;
  audit: AuditLog;
  inbox: InboxSync;
  /** the rep's sequences (the Sequences screen edits them; the engine reads them) */
  sequences: SequencesRepo;
  /** who is in which sequence, at which step (the enroll dialog writes them, the lead's timeline reads them) */
  enrollments: EnrollmentsRepo;
  /** the sequence engine: sends due steps; `wake()` after enrolling or resuming */
  engine: SequenceEngine;
}
