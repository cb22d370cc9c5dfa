import { randomUUID } from 'node:crypto';
import type { AuditEventType } from '../../../shared/audit/event-types';
import { type SequenceRef, sequenceData } from '../../../shared/audit/sequence-ref';
import type { AssembledMessage } from '../../../shared/compliance/assemble';
import type { GateDecision } from '../../../shared/compliance/gate';
import { mergeReasons, reason } from '../../../shared/compliance/reasons';
import { RESUME_RECHECK_MS } from '../../../shared/compliance/waiting';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import type { GateVerdict, SendDraft, SendOutcome, SendPreview } from '../../../shared/ipc/send';
import type { AuditLog } from '../audit/audit-log';
import type { MailboxService } from '../mailboxes/mailbox-service';
import { type DeliveryOutcome, deliverPrepared } from './deliver-once';
import { createFollowUps } from './follow-ups';
import { assembleFor, type GateFactsDeps, gateDecision, messageIdLocal, verdictOf } from './gate-facts';
import { createHeldMessages } from './held-messages';
import { blocksRetry, type JournalEntry } from './journal-entry';
import { buildRawMessage } from './raw-message';
import type { PrepareOutcome, SendJournal } from './send-journal';
import { type Checkpoint, noCheckpoint } from './send-points';
import { createSendUpkeep } from './send-upkeep';

export interface SendServiceDeps extends GateFactsDeps {
  mailboxes: MailboxService;
  journal: SendJournal;
  audit: AuditLog;
  newMessageIdLocal?: () => string;
  /** crash tests: told each named moment of a send (send-points.ts) */
  checkpoint?: Checkpoint;
  /** "Pause all sending" (sending-pause.ts): while paused, every send is blocked with `sending-paused` */
  sendingPaused?: () => boolean;
  /** how often open fates are looked up again and due follow-ups retried; default 5 minutes */
  upkeepEveryMs?: number;
}

/** The journal's state as the renderer is told it, for a key that was sent (or tried) before. */
const DUPLICATE_STATE = {
  prepared: 'sending',
  sending: 'sending',
  accepted: 'sent',
  unknown: 'unknown',
  failed: 'failed',
} as const satisfies Record<JournalEntry['state'], string>;

/** A key main has seen: its state and the Message-ID its first attempt carried (the thread's anchor). */
const duplicateOf = (entry: JournalEntry): SendOutcome => ({
  status: 'duplicate',
  state: DUPLICATE_STATE[entry.state],
  ...(entry.messageId ? { messageId: entry.messageId } : {}),
});

/**
 * One attempt, as its audit events name it: the recipient by its suppression key only, never by address; a
 * sequence's step by ids.
 */
interface Attempt {
  key: string;
  draft: SendDraft;
  mailbox: MailboxInfo;
  recipientKey: string | null;
  sequence: Partial<SequenceRef>;
}

/** A message ready for the journal: assembled with its key's Message-ID, and the bytes the transport gets. */
interface OutgoingMessage {
  message: AssembledMessage;
  raw: Buffer;
}

/**
 * The one send path in main: every message, whatever the mailbox kind, is decided by the gate, assembled
 * (footer, RFC 8058 headers) with its key's one Message-ID, signed when the mailbox holds a DKIM key,
 * journalled and only then handed to the transport (deliver-once.ts). Every attempt becomes an audit event,
 * with reason codes and no body or plaintext recipient.
 */
export function createSendService(deps: SendServiceDeps) {
  const newLocal = deps.newMessageIdLocal ?? (() => `fs.${randomUUID()}`);
  const checkpoint = deps.checkpoint ?? noCheckpoint;
  const transportFor = (id: string) => deps.mailboxes.transportFor(id);
  const followUps = createFollowUps({ journal: deps.journal, transportFor, audit: deps.audit, checkpoint });
  const upkeep = createSendUpkeep({
    journal: deps.journal,
    transportFor,
    audit: deps.audit,
    now: deps.now,
    followUps,
    everyMs: deps.upkeepEveryMs ?? 5 * 60_000,
  });

  function mailboxOf(id: string): MailboxInfo {
    const mailbox = deps.mailboxes.list().find((m) => m.id === id);
    if (!mailbox) throw new AppError('not-found', 'This mailbox is no longer connected.');
    return mailbox;
  }

  async function audit(type: AuditEventType, mailbox: MailboxInfo, data: Record<string, unknown>) {
    return deps.audit.append(type, { mailboxId: mailbox.id, ...data });
  }

  /** The audit event of an outcome; an audit log that cannot take it does not undo what happened. */
  const auditQuietly = (type: AuditEventType, mailbox: MailboxInfo, data: Record<string, unknown>) =>
    audit(type, mailbox, data).catch(() => undefined);

  async function send(key: string, draft: SendDraft): Promise<SendOutcome> {
    const existing = deps.journal.get(key);
    if (existing && blocksRetry(existing)) return duplicateOf(existing);
    const mailbox = mailboxOf(draft.mailboxId);
    const { decision, text, now, recipientKey } = await gateDecision(deps, draft, mailbox);
    const attempt: Attempt = { key, draft, mailbox, recipientKey, sequence: sequenceData(draft.sequence) };
    // held, not failed: a scheduled email stays in the Outbox and is tried again until the rep resumes
    if (deps.sendingPaused?.())
      return blocked(
        attempt,
        { verdict: 'block', score: decision.content.score, reasons: [reason('sending-paused')] },
        now + RESUME_RECHECK_MS,
      );
    if (decision.verdict === 'block') return blocked(attempt, verdictOf(decision), decision.retryAt);

    // every attempt of a key reuses its first Message-ID (a retry from another domain gets that domain's)
    const local = existing ? messageIdLocal(existing.messageId) : newLocal();
    const outgoing = await outgoingMessage(attempt, decision, text, now, local);
    if (!outgoing.ok) return blocked(attempt, outgoing.gate);
    return deliverJournalled(attempt, verdictOf(decision), outgoing.value);
  }

  /** A refused attempt: nothing journalled, nothing sent; its audit event names the reasons. */
  async function blocked(attempt: Attempt, gate: GateVerdict, retryAt?: number): Promise<SendOutcome> {
    return {
      status: 'blocked',
      gate,
      ...(retryAt ? { retryAt } : {}),
      audit: await audit('send.blocked', attempt.mailbox, {
        key: attempt.key,
        recipientKey: attempt.recipientKey,
        reasons: gate.reasons.map((r) => r.code),
        ...attempt.sequence,
      }),
    };
  }

  /**
   * The message as it goes out: assembled (footer, RFC 8058 headers) with the key's Message-ID, then its bytes,
   * signed when the mailbox holds a DKIM key. Or the verdict that blocks it, when either step refuses.
   */
  async function outgoingMessage(
    { draft, mailbox }: Attempt,
    decision: GateDecision,
    text: string,
    now: number,
    local: string,
  ): Promise<{ ok: true; value: OutgoingMessage } | { ok: false; gate: GateVerdict }> {
    const assembled = await assembleFor(deps, draft, mailbox, text, now, local);
    if (!assembled.ok)
      return {
        ok: false,
        gate: { verdict: 'block', score: decision.content.score, reasons: assembled.reasons },
      };
    const dkimKey = mailbox.dkim ? await deps.mailboxes.dkimKey(mailbox.id) : null;
    const built = await buildRawMessage(
      assembled.value,
      mailbox.dkim && dkimKey ? { ...mailbox.dkim, privateKeyPem: dkimKey } : null,
      new Date(now),
    );
    if (!built.ok)
      return {
        ok: false,
        gate: { verdict: 'block', score: 0, reasons: [reason('dkim-sign-failed', built.error.message)] },
      };
    return { ok: true, value: { message: assembled.value, raw: built.value } };
  }

  /**
   * Exactly once: the key is `prepared` in the journal before the transport sees a byte, deliver-once.ts writes
   * `sending` and `accepted` (fsynced) around the transport, and the outcome is reported (follow-ups, audit)
   * while the key is still held; it is released last.
   */
  async function deliverJournalled(
    attempt: Attempt,
    gate: GateVerdict,
    { message, raw }: OutgoingMessage,
  ): Promise<SendOutcome> {
    const { key, draft, mailbox, recipientKey, sequence } = attempt;
    const codes = gate.reasons.map((r) => r.code);
    const transport = await transportFor(mailbox.id);
    let prepared: PrepareOutcome;
    try {
      prepared = await deps.journal.prepare(key, {
        mailboxId: mailbox.id,
        messageId: message.messageId,
        audit: { recipientKey, warnings: codes, ...sequence },
      });
    } catch (error) {
      return journalFailure(error, gate, attempt);
    }
    if (!prepared.ok) return duplicateOf(prepared.existing);
    try {
      const outcome = await deliverPrepared(
        deps.journal,
        transport,
        { key, raw, from: message.envelope.from, to: [message.envelope.to], draft },
        checkpoint,
      );
      // awaited here, so the key is released only after the follow-ups and the audit event
      return await reportDelivery(attempt, gate, message.messageId, outcome);
    } finally {
      deps.journal.release(key);
    }
  }

  /** What a delivery's outcome tells the rep: sent (after its follow-ups), or unknown or failed, audited. */
  async function reportDelivery(
    { key, mailbox, recipientKey, sequence }: Attempt,
    gate: GateVerdict,
    messageId: string,
    outcome: DeliveryOutcome,
  ): Promise<SendOutcome> {
    if (outcome.status === 'sent') {
      const event = await followUps.runFor(key).catch(() => null);
      upkeep.afterSend(key);
      return {
        status: 'sent',
        messageId,
        providerId: outcome.providerId,
        gate,
        ...(event ? { audit: event } : {}),
      };
    }
    if (outcome.status === 'unknown') {
      const event = await auditQuietly('send.unknown', mailbox, {
        key,
        recipientKey,
        messageId,
        why: outcome.why,
        ...sequence,
      });
      return {
        status: 'unknown',
        messageId,
        why: outcome.why,
        message: outcome.error.message,
        gate,
        ...(event ? { audit: event } : {}),
      };
    }
    const event = await auditQuietly('send.failed', mailbox, {
      key,
      recipientKey,
      code: outcome.error.code,
      retryable: outcome.retryable,
      ...sequence,
    });
    return {
      status: 'failed',
      code: outcome.error.code,
      message: outcome.error.message,
      retryable: outcome.retryable,
      gate,
      ...(event ? { audit: event } : {}),
    };
  }

  /** The journal could not record `prepared` (a full disk): nothing was sent, and the next send may work. */
  async function journalFailure(
    error: unknown,
    gate: GateVerdict,
    { key, mailbox, recipientKey, sequence }: Attempt,
  ): Promise<SendOutcome> {
    const event = await auditQuietly('send.failed', mailbox, {
      key,
      recipientKey,
      ...sequence,
      code: 'transient',
      retryable: true,
    });
    return {
      status: 'failed',
      code: 'transient',
      message:
        error instanceof Error ? error.message : 'Fairsend could not record this send. Nothing was sent.',
      retryable: true,
      gate,
      ...(event ? { audit: event } : {}),
    };
  }

  const held = createHeldMessages({
    journal: deps.journal,
    transportFor,
    audit: deps.audit,
    now: deps.now,
    followUps,
    resend: send,
  });

  return {
    async preview(draft: SendDraft): Promise<SendPreview> {
      const mailbox = mailboxOf(draft.mailboxId);
      const { decision, text, now } = await gateDecision(deps, draft, mailbox);
      const assembled = await assembleFor(deps, draft, mailbox, text, now, newLocal());
      if (!assembled.ok) {
        // refused by assembly: something only the rep can fix, so never schedulable
        const { scheduleAt: _never, ...gate } = verdictOf(decision);
        const reasons = mergeReasons(decision.reasons, assembled.reasons);
        return { ...gate, verdict: 'block', reasons, message: null };
      }
      return {
        ...verdictOf(decision),
        message: { headers: assembled.value.headers, html: assembled.value.html, text: assembled.value.text },
      };
    },
    send,
    /** messages whose fate is unknown, for the Outbox */
    held: held.list,
    /** the rep's decision on a held message */
    resolve: held.resolve,
    /** At start-up: settle what a crash left open, finish due follow-ups, then keep doing so on a timer. */
    start: upkeep.start,
    /** one upkeep pass now (tests, the crash bench): lookups of open fates, then due follow-ups */
    upkeep: upkeep.pass,
    close: upkeep.close,
  };
}

export type SendService = ReturnType<typeof createSendService>;
