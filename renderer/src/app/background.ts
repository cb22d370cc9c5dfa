import type { RendererAuditType } from '../../../shared/ipc/audit';
import { call } from '../bridge/client';
import { type AuditMirror, createAuditMirror } from '../db/audit-mirror';
import type { FairsendDatabase } from '../db/database';
import type { LeadsRepo } from '../db/leads-repo';
import { startSuppressionSync } from '../db/suppression-sync';
import { useApp } from '../store';
import { startInboxSync } from './inbox-sync';

/** A slow safety net; the UI mirrors right after each send or audited change anyway. */
const MIRROR_EVERY_MS = 60_000;

let mirror: AuditMirror | null = null;

const notify = (tone: 'error' | 'success', text: string) => useApp.getState().notify(tone, text);

/**
 * Work that runs for the app's whole life once the database is open: main's suppression index kept in step
 * with the `suppression` collection, and main's audit events copied into the `audit` collection.
 */
export function startBackground(db: FairsendDatabase, leads: LeadsRepo): void {
  startSuppressionSync(db, {
    apply: (delta) => call('suppression.apply', delta),
    onTrouble: (message) => notify('error', message),
    onRecovered: () => notify('success', 'The suppression list is loaded; sending can go ahead.'),
  });
  mirror = createAuditMirror(db, {
    since: (seq, limit) => call('audit.since', { seq, limit }),
    onProblem: (message) => notify('error', message),
  });
  void mirrorAudit();
  setInterval(() => void mirrorAudit(), MIRROR_EVERY_MS);
  startInboxSync(db, leads);
}

/** Copies new audit events now (after a send or an audited change). Failures wait for the next run. */
export async function mirrorAudit(): Promise<void> {
  try {
    await mirror?.mirror();
  } catch (error) {
    console.warn('Audit mirror will retry:', error instanceof Error ? error.message : error);
  }
}

/** Appends a renderer-originated event to main's audit chain; throws when it could not be written. */
export async function recordAudit(
  type: RendererAuditType,
  data: Record<string, string | number | boolean | string[]>,
): Promise<void> {
  const result = await call('audit.record', { type, data });
  if (!result.ok) throw new Error(`Could not write the audit log: ${result.error.message}`);
  void mirrorAudit();
}
