import type { InboxCheckSummary } from '../../../shared/ipc/inbox';
import type { Result } from '../../../shared/ipc/result';
import { call } from '../bridge/client';
import type { FairsendDatabase } from '../db/database';
import { createInboxApplier, type InboxApplier } from '../db/inbox-applier';
import type { LeadsRepo } from '../db/leads-repo';
import { createSuppressionRepo } from '../db/suppression-repo';
import { recordAudit } from './background';

/** Main checks the inboxes every few minutes; this picks up what it found. */
const APPLY_EVERY_MS = 60_000;

let applier: InboxApplier | null = null;

async function suppressionKeys(kind: 'address' | 'domain', values: string[]): Promise<string[]> {
  const result = await call('suppression.keys', { kind, values });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Applies main's inbox events (bounces, opt-outs, complaints, replies) now, at start and every minute. */
export function startInboxSync(db: FairsendDatabase, leads: LeadsRepo): void {
  applier = createInboxApplier(db, {
    since: (seq, limit) => call('inbox.since', { seq, limit }),
    suppression: createSuppressionRepo(db, { keys: suppressionKeys, record: recordAudit }),
    leads,
  });
  void applyInbox();
  setInterval(() => void applyInbox(), APPLY_EVERY_MS);
}

export async function applyInbox(): Promise<void> {
  try {
    await applier?.apply();
  } catch (error) {
    console.warn(
      'Inbox events will be applied on the next run:',
      error instanceof Error ? error.message : error,
    );
  }
}

/** "Check inbox now": main reads every mailbox, then what it found is applied here before answering. */
export async function checkInboxNow(): Promise<Result<InboxCheckSummary>> {
  const result = await call('inbox.check', {});
  if (result.ok) await applyInbox();
  return result;
}
