import { z } from 'zod';
import type { AuditEvent } from '../audit/chain';
import type { Reason } from '../compliance/reasons';
import { channel } from './define';

const draft = z
  .object({
    mailboxId: z.string().min(1).max(64),
    to: z.string().min(3).max(320),
    /** display name for To; checked for header injection like every header field */
    toName: z.string().max(200).optional(),
    subject: z.string().max(1_100_000),
    html: z.string().max(2_000_000),
    text: z.string().max(2_000_000).optional(),
    isFirstTouch: z.boolean(),
    kind: z.enum(['sequence', 'one-off']),
    leadTimeZone: z.string().max(64).optional(),
    thread: z
      .object({
        inReplyTo: z.string().max(998).optional(),
        references: z.array(z.string().max(998)).max(50).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SendDraft = z.infer<typeof draft>;

export interface GateVerdict {
  verdict: 'ok' | 'warn' | 'block';
  score: number;
  reasons: Reason[];
}

export interface SendPreview extends GateVerdict {
  /** exactly what would be sent: headers and both bodies with the footer; null when assembly refused */
  message: { headers: [string, string][]; html: string; text: string } | null;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string; providerId: string; gate: GateVerdict; audit: AuditEvent }
  | { status: 'blocked'; gate: GateVerdict; retryAt?: number; audit: AuditEvent }
  | {
      status: 'failed';
      code: string;
      message: string;
      retryable: boolean;
      gate: GateVerdict;
      audit: AuditEvent;
    }
  | { status: 'duplicate'; state: string };

const hexKey = z.string().regex(/^[0-9a-f]{64}$/);

export const sendChannels = {
  /** The gate's verdict and the assembled message, as the rep types; sends nothing. */
  'send.preview': channel(draft).returns<SendPreview>(),
  /** The one send path: gate → journal → transport. `key` is the idempotency key (a second send is refused). */
  'send.message': channel(
    z.object({ key: z.string().min(1).max(200), draft }).strict(),
  ).returns<SendOutcome>(),
  /** Feeds main's suppression index from the replicated list: deltas, and `complete` once the full list was sent. */
  'suppression.apply': channel(
    z
      .object({
        add: z.array(hexKey).max(20_000),
        remove: z.array(hexKey).max(20_000),
        complete: z.boolean(),
      })
      .strict(),
  ).returns<{ size: number; ready: boolean }>(),
  /** Audit events after `seq`, for the renderer to mirror into RxDB (and replication to carry to the team server). */
  'audit.since': channel(
    z
      .object({ seq: z.number().int().min(0), limit: z.number().int().min(1).max(5000).default(1000) })
      .strict(),
  ).returns<AuditEvent[]>(),
};
