import { simpleParser } from 'mailparser';
import type { AuditEventType } from '../../../shared/audit/event-types';
import { type SequenceRef, sequenceData } from '../../../shared/audit/sequence-ref';
import { type ClassifyContext, classifyInbound, type InboxEffect } from '../../../shared/inbox/classify';
import type { InboxCheckSummary, InboxCheckTrouble, InboxEvent } from '../../../shared/ipc/inbox';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import type { AuditLog } from '../audit/audit-log';
import type { TeamKey } from '../secrets/team-key';
import type { MailboxHealth } from '../send/mailbox-health';
import type { InboxItem, ReadableMailTransport } from '../send/transports/mail-transport';
import { readJsonFile, writeJsonFile } from '../settings/json-file';
import type { InboxEventLog } from './inbox-events';

/** Provider ids remembered per mailbox: enough to catch Graph's repeats across a few delta pages. */
export const SEEN_PER_MAILBOX = 2000;
export const CHECK_EVERY_MS = 5 * 60_000;
const FIRST_CHECK_MS = 30_000;

export interface InboxWatcherDeps {
  mailboxes: {
    list(): MailboxInfo[];
    /** mailboxes whose transport has no `fetchInbox` (SMTP without IMAP) are skipped */
    transportFor(id: string): Promise<ReadableMailTransport>;
  };
  health: Pick<MailboxHealth, 'record'>;
  audit: Pick<AuditLog, 'append'>;
  teamKey: Pick<TeamKey, 'suppressionKeys'>;
  events: InboxEventLog;
  /** true for a Message-ID this desktop sent (the send journal) */
  isOurMessage(messageId: string): boolean;
  /** the sequence (and step) of a message this desktop sent, when it was a sequence's (the send journal) */
  sequenceOf?(messageId: string): Partial<SequenceRef> | undefined;
  unsubscribeMailto(): string | null;
  /** JSON file holding each mailbox's inbox cursor and recently seen provider ids */
  cursorFile: string;
  now: () => number;
}

interface MailboxCursor {
  cursor?: string;
  seen: string[];
}

export interface InboxWatcher {
  /** reads every mailbox now; a call while a check runs shares that check */
  check(): Promise<InboxCheckSummary>;
  since(seq: number, limit?: number): InboxEvent[];
  /** checks every `everyMs` until close */
  start(everyMs?: number): void;
  close(): Promise<void>;
}

const AUDIT_TYPE = {
  bounce: 'inbox.bounce',
  complaint: 'inbox.complaint',
  reply: 'inbox.reply',
  optout: 'inbox.optout',
} as const satisfies Record<Exclude<InboxEffect['type'], 'ooo'>, AuditEventType>;
const COUNTER = { bounce: 'bounces', complaint: 'complaints', reply: 'replies', optout: 'optOuts' } as const;

/** An out-of-office only pauses a lead: no breaker, no audit event (nothing about consent changed). */
async function appendOutOfOffice(deps: InboxWatcherDeps, mailbox: MailboxInfo, effect: InboxEffect) {
  if (!effect.address) return;
  await deps.events.append({
    type: 'ooo',
    address: effect.address,
    ...(effect.messageId ? { messageId: effect.messageId } : {}),
    ...(effect.returnsOn ? { returnsOn: effect.returnsOn } : {}),
    mailboxId: mailbox.id,
    at: deps.now(),
  });
}

/** What the rep can do about a mailbox that could not be read, from the adapter's error code. */
export function troubleOf(error: unknown): InboxCheckTrouble {
  if (!(error instanceof AppError)) return 'other';
  if (error.code === 'auth-expired') return 'signed-out';
  if (error.code === 'transient' || error.code === 'rate-limited') return 'connection';
  return 'other';
}

/**
 * Turns each mailbox's new inbox mail into outreach facts: hard bounces and complaints for the circuit
 * breakers, and events (bounce, complaint, reply, opt-out) for the renderer to apply to leads and the
 * suppression list. Each applied fact is audited by suppression key, never by address.
 */
export function createInboxWatcher(deps: InboxWatcherDeps): InboxWatcher {
  const cursors = readJsonFile<Record<string, MailboxCursor>>(deps.cursorFile, {});
  let running: Promise<InboxCheckSummary> | null = null;
  const timers: ReturnType<typeof setTimeout>[] = [];

  async function keyOf(address: string): Promise<string | null> {
    try {
      return (await deps.teamKey.suppressionKeys('address', [address]))[0] ?? null;
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid-input') return null; // not a usable address
      throw error;
    }
  }

  async function apply(mailbox: MailboxInfo, effect: InboxEffect, summary: InboxCheckSummary) {
    if (effect.type === 'ooo') return appendOutOfOffice(deps, mailbox, effect);
    const at = deps.now();
    const key = effect.address ? await keyOf(effect.address) : null;
    const address = key ? effect.address : null;
    if (effect.breaker) await deps.health.record(mailbox.id, effect.breaker, at);
    await deps.audit.append(
      AUDIT_TYPE[effect.type],
      {
        mailboxId: mailbox.id,
        ...(key ? { recipientKey: key } : {}),
        ...(effect.messageId ? { messageId: effect.messageId } : {}),
        // the sequence the answered message belongs to, for per-sequence stats (a mailto: opt-out names none)
        ...(effect.messageId ? sequenceData(deps.sequenceOf?.(effect.messageId)) : {}),
      },
      at,
    );
    await deps.events.append({
      type: effect.type,
      address,
      ...(effect.messageId ? { messageId: effect.messageId } : {}),
      mailboxId: mailbox.id,
      at,
    });
    summary[COUNTER[effect.type]]++;
  }

  async function read(mailbox: MailboxInfo, item: InboxItem, summary: InboxCheckSummary) {
    const parsed = await simpleParser(item.raw, { skipImageLinks: true, skipTextToHtml: true });
    const context: ClassifyContext = {
      isOurMessage: deps.isOurMessage,
      unsubscribeMailto: deps.unsubscribeMailto(),
      ownAddresses: [mailbox.address],
    };
    const from = parsed.from?.value[0]?.address ?? null;
    const outcome = classifyInbound(
      {
        raw: item.raw.toString('utf8'),
        text: parsed.text ?? '',
        from,
        ...(parsed.date ? { receivedAt: parsed.date.getTime() } : {}),
      },
      context,
    );
    summary.messages++;
    for (const effect of outcome.effects) await apply(mailbox, effect, summary);
  }

  async function checkMailbox(mailbox: MailboxInfo, summary: InboxCheckSummary) {
    const transport = await deps.mailboxes.transportFor(mailbox.id);
    if (!transport.fetchInbox) {
      const message = 'This mailbox sends over SMTP and has no IMAP login to read its inbox.';
      summary.problems.push({ mailboxId: mailbox.id, address: mailbox.address, reason: 'no-imap', message });
      return;
    }
    const state = cursors[mailbox.id] ?? { seen: [] };
    const page = await transport.fetchInbox(state.cursor);
    if (!page.ok) throw new AppError(page.error.code, page.error.message);
    summary.mailboxes++;
    const before = summary.messages;
    const seen = new Set(state.seen);
    const save = () => {
      cursors[mailbox.id] = { ...state, seen: [...seen].slice(-SEEN_PER_MAILBOX) };
      writeJsonFile(deps.cursorFile, cursors);
    };
    for (const item of page.value.items) {
      if (seen.has(item.providerId)) continue;
      await read(mailbox, item, summary);
      // Saved per message: a crash re-reads at most the message it was applying.
      seen.add(item.providerId);
      save();
    }
    state.cursor = page.value.cursor;
    save();
    summary.read.push({
      mailboxId: mailbox.id,
      address: mailbox.address,
      messages: summary.messages - before,
    });
  }

  async function run(): Promise<InboxCheckSummary> {
    const summary: InboxCheckSummary = {
      mailboxes: 0,
      messages: 0,
      bounces: 0,
      complaints: 0,
      replies: 0,
      optOuts: 0,
      read: [],
      problems: [],
    };
    for (const mailbox of deps.mailboxes.list()) {
      try {
        await checkMailbox(mailbox, summary);
      } catch (error) {
        // One mailbox's trouble (signed out, offline) must not stop the others; its cursor stays put.
        summary.problems.push({
          mailboxId: mailbox.id,
          address: mailbox.address,
          reason: troubleOf(error),
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return summary;
  }

  function check(): Promise<InboxCheckSummary> {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    check,
    since: (seq, limit) => deps.events.since(seq, limit),
    start(everyMs = CHECK_EVERY_MS) {
      if (timers.length) return;
      // A first look soon after start, then every `everyMs`; unref'd, so they never hold the process open.
      timers.push(
        setTimeout(() => void check(), FIRST_CHECK_MS),
        setInterval(() => void check(), everyMs),
      );
      for (const t of timers) t.unref?.();
    },
    async close() {
      for (const t of timers.splice(0)) clearTimeout(t);
      await running?.catch(() => {});
      await deps.events.close();
    },
  };
}
