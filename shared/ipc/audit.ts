import { z } from 'zod';
import type { AuditEvent } from '../audit/chain';
import type { AuditDamage } from '../audit/damage';
import { RENDERER_AUDIT_TYPES } from '../audit/event-types';
import { channel } from './define';

export type { RendererAuditType } from '../audit/event-types';

const hexKey = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a suppression key.');

/** Plaintext addresses stay on the desktop: a string with an "@" is refused (send suppression keys instead). */
const noAddress = z
  .string()
  .max(200)
  .refine((v) => !v.includes('@'), 'Audit data must not hold an email address; pass its suppression key.');

const auditValue = z.union([noAddress, z.number().finite(), z.boolean(), z.array(hexKey).max(1000)]);

/**
 * Main stays the one writer of this device's hash chain, so the renderer cannot append arbitrary types: only
 * RENDERER_AUDIT_TYPES, each with a small, flat payload.
 */
export const auditRecordRequest = z
  .object({
    type: z.enum(RENDERER_AUDIT_TYPES),
    data: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/), auditValue)
      .refine((d) => Object.keys(d).length <= 16, 'At most 16 fields.'),
  })
  .strict();

export type AuditRecordRequest = z.input<typeof auditRecordRequest>;

/**
 * Whether main can append to its audit log. `locked`: sealed with a passphrase not given yet. `damaged`: the log
 * failed its checks at start-up; `message` says what was found, in words for the rep.
 */
export type AuditStatus =
  | { state: 'ready'; events: number }
  | { state: 'locked'; message: string }
  | { state: 'damaged'; problem: AuditDamage; message: string };

/** The damaged log's bytes exactly as found (base64: a damaged file need not be valid UTF-8). */
export interface DamagedLogCopy {
  base64: string;
  bytes: number;
}

export const startNewChainRequest = z
  .object({
    /** the rep ticked "I understand": the old log is set aside and a new one starts */
    confirmed: z.literal(true, 'Confirm that a new audit log should be started.'),
    /** the rep's own words, kept in the new log's first event */
    note: noAddress.pipe(z.string().trim().min(3, 'Say in a few words what happened.')),
  })
  .strict();

export const auditChannels = {
  /** Appends one renderer-originated event (a suppression change, an erasure) to main's audit chain. */
  'audit.record': channel(auditRecordRequest).returns<AuditEvent>(),
  /** Audit events after `seq`, for the renderer to mirror into RxDB (and replication to carry to the team server). */
  'audit.since': channel(
    z
      .object({ seq: z.number().int().min(0), limit: z.number().int().min(1).max(5000).default(1000) })
      .strict(),
  ).returns<AuditEvent[]>(),
  'audit.status': channel(z.object({}).strict()).returns<AuditStatus>(),
  /** The damaged log for the rep to save and hand on; refused unless the log is damaged. */
  'audit.exportDamaged': channel(z.object({}).strict()).returns<DamagedLogCopy>(),
  /**
   * Sets the damaged log aside and starts a new chain whose first event records the old chain's head, the
   * problem and the note. Refused unless the log is damaged.
   */
  'audit.startNewChain': channel(startNewChainRequest).returns<AuditEvent>(),
};
