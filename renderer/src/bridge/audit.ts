import type { RendererAuditType } from '../../../shared/ipc/audit';
import { refusal } from '../ui/bridge-problem';
import type { CallBridge } from './client';

export type AuditData = Record<string, string | number | boolean | string[]>;

/** The renderer's side of main's audit log: main is its one writer; this asks and then copies. */
export interface AuditLog {
  /** Appends a renderer-originated event to main's audit chain; throws when it could not be written. */
  record(type: RendererAuditType, data: AuditData): Promise<void>;
  /** Copies new audit events now (after a send or an audited change). Failures wait for the next run. */
  mirror(): Promise<void>;
}

/**
 * `copier` is the audit mirror (renderer/src/db/audit-mirror.ts), which copies main's events into the
 * `audit` collection; it is passed in so this module stays free of the database.
 */
export function createAuditLog(call: CallBridge, copier: { mirror(): Promise<unknown> }): AuditLog {
  async function mirror(): Promise<void> {
    try {
      await copier.mirror();
    } catch (error) {
      console.warn('Audit mirror will retry:', error instanceof Error ? error.message : error);
    }
  }
  return {
    async record(type, data) {
      const result = await call('audit.record', { type, data });
      // main words its refusals (the log is paused, locked); a schema refusal is worded here
      if (!result.ok) throw refusal(result.error);
      void mirror();
    },
    mirror,
  };
}
