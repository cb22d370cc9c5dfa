import { z } from 'zod';
import type { AuditEvent } from '../audit/chain';
import { sequenceRefSchema } from '../audit/sequence-ref';
import type { Reason } from '../compliance/reasons';
import type { SendFailure, SendFailureCode } from '../outbox/failure-codes';
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
    /** a sequence's step: which sequence (and step) it is, for the audit events' per-sequence stats; one-offs have none */
    sequence: sequenceRefSchema.optional(),
    leadTimeZone: z.string().max(64).optional(),
    /** a sequence's send window (whole hours, gateWindowOf); absent: the gate's default business hours */
    window: z
      .object({
        startHour: z.number().int().min(0).max(23),
        endHour: z.number().int().min(1).max(24),
        days: z.array(z.number().int().min(0).max(6)).max(7),
      })
      .strict()
      .optional(),
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
  /** blocked only by the daily cap or the send window: the time it can be scheduled for (epoch ms) */
  scheduleAt?: number;
}

export interface SendPreview extends GateVerdict {
  /** exactly what would be sent: headers and both bodies with the footer; null when assembly refused */
  message: { headers: [string, string][]; html: string; text: string } | null;
}

/**
 * Why a message's fate is unknown: the app stopped mid-send (`interrupted`), or the server's answer to the
 * complete message never came (`connection-lost`, `timed-out`) or was an error of its own (`server-error`).
 */
export const UNKNOWN_WHY = ['interrupted', 'connection-lost', 'timed-out', 'server-error'] as const;
export type UnknownWhy = (typeof UNKNOWN_WHY)[number];

export type SendOutcome =
  | { status: 'sent'; messageId: string; providerId: string; gate: GateVerdict; audit?: AuditEvent }
  | { status: 'blocked'; gate: GateVerdict; retryAt?: number; audit: AuditEvent }
  | {
      status: 'failed';
      code: SendFailureCode;
      message: string;
      retryable: boolean;
      gate: GateVerdict;
      audit?: AuditEvent;
    }
  /** it may or may not have been delivered: held for the rep, never sent again automatically */
  | {
      status: 'unknown';
      messageId: string;
      why: UnknownWhy;
      message: string;
      gate: GateVerdict;
      audit?: AuditEvent;
    }
  /**
   * this key was sent before, is being sent, or its fate is unknown: nothing was sent now. `messageId` is the
   * journal's (a run cut short before its record still threads its follow-up under the step that went out).
   */
  | { status: 'duplicate'; state: 'sent' | 'sending' | 'unknown' | 'failed'; messageId?: string };

/** A message whose fate nothing could decide, as the Outbox shows it. */
export interface HeldMessage {
  key: string;
  messageId: string;
  mailboxId: string;
  to: string;
  toName?: string;
  subject: string;
  /** when it was handed to the mail server */
  attemptedAt: number;
  why: UnknownWhy;
  /** what the server or the app reported, for the details */
  detail: SendFailure | null;
  /** Gmail and Outlook are asked again automatically until they can say for sure */
  checkingAgain: boolean;
}

export type HeldResolution = { as: 'sent'; audit: AuditEvent } | { as: 'resend'; outcome: SendOutcome };

const key = z.string().min(1).max(200);

export const sendChannels = {
  /** The gate's verdict and the assembled message, as the rep types; sends nothing. */
  'send.preview': channel(draft).returns<SendPreview>(),
  /** The one send path: gate → journal → transport. `key` is the idempotency key (a second send is refused). */
  'send.message': channel(z.object({ key, draft }).strict()).returns<SendOutcome>(),
  /** Messages whose fate is unknown, held for the rep to decide, oldest first. */
  'send.held': channel(z.object({}).strict()).returns<HeldMessage[]>(),
  /** The rep decides a held message: it was sent, or send it again (same Message-ID). Both are audited. */
  'send.resolve': channel(
    z.object({ key, as: z.enum(['sent', 'resend']) }).strict(),
  ).returns<HeldResolution>(),
};
