import { z } from 'zod';
import type { AuditEvent } from '../audit/chain';
import { channel } from './define';

/**
 * Events the renderer asks main to audit. Main stays the one writer of this device's hash chain, so the
 * renderer cannot append arbitrary types: only these, each with a small, flat payload.
 */
export const RENDERER_AUDIT_TYPES = [
  'suppression.added',
  'suppression.removed',
  'suppression.imported',
  'lead.erased',
] as const;

export type RendererAuditType = (typeof RENDERER_AUDIT_TYPES)[number];

const hexKey = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a suppression key.');

/** Plaintext addresses stay on the desktop: a string with an "@" is refused (send suppression keys instead). */
const noAddress = z
  .string()
  .max(200)
  .refine((v) => !v.includes('@'), 'Audit data must not hold an email address; pass its suppression key.');

const auditValue = z.union([noAddress, z.number().finite(), z.boolean(), z.array(hexKey).max(1000)]);

export const auditRecordRequest = z
  .object({
    type: z.enum(RENDERER_AUDIT_TYPES),
    data: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/), auditValue)
      .refine((d) => Object.keys(d).length <= 16, 'At most 16 fields.'),
  })
  .strict();

export type AuditRecordRequest = z.input<typeof auditRecordRequest>;

export const auditChannels = {
  /** Appends one renderer-originated event (a suppression change, an erasure) to main's audit chain. */
  'audit.record': channel(auditRecordRequest).returns<AuditEvent>(),
};
