import type { SendDraft } from '../../../shared/ipc/send';
import {
  blocksRetry,
  type FollowUp,
  type JournalEntry,
  type SendError,
  type UnknownWhy,
} from './journal-entry';
import { type OpenJournalFile, openAppendOnly, readLines, rewrite } from './journal-file';
import { createSendTimes } from './send-times';

export type { FollowUp, JournalEntry, JournalState, UnknownWhy } from './journal-entry';

/**
 * The send journal: an append-only file of JSON lines, the last line per key wins. Each state a later step
 * depends on is on disk (fdatasync) before that step runs; see journal-entry.ts for the states.
 * It is a file and not IndexedDB because Chromium's IndexedDB defaults to relaxed durability.
 * Caps and breakers count from it (sendTimes), so their counters cannot disagree with it.
 */
export type PrepareOutcome =
  | { ok: true; attempt: number; messageId: string }
  | { ok: false; existing: JournalEntry };

export interface SendJournal {
  get(key: string): JournalEntry | undefined;
  /** The entry that sent (or is sending) this Message-ID: the inbox watcher knows our replies and bounces by it. */
  byMessageId(messageId: string): JournalEntry | undefined;
  /**
   * Reserves the key for one attempt in this process and records `prepared` (not fsynced). Refuses a key that
   * is being sent, accepted, unknown or failed for good. The caller assembles every attempt with the key's
   * first Message-ID (entry.messageId).
   */
  prepare(
    key: string,
    message: { mailboxId: string; messageId: string; audit: JournalEntry['audit'] },
  ): Promise<PrepareOutcome>;
  /** The commit point: `sending`, fsynced. From here the fate is open until the server answers. */
  commit(key: string, keep: { draft: SendDraft; raw?: Buffer }): Promise<void>;
  accepted(key: string, outcome: { providerId: string; followUps: FollowUp[] }): Promise<void>;
  unknown(key: string, outcome: { why: UnknownWhy; error: SendError }): Promise<void>;
  /** `undelivered`: proven not delivered (a refusal, a lookup), so this attempt stops counting as a send. */
  failed(
    key: string,
    outcome: { error: SendError; retryable: boolean; undelivered: boolean; settledBy?: 'lookup' | 'rep' },
  ): Promise<void>;
  /** an open fate found in the mailbox, or the rep says it was sent */
  settledSent(
    key: string,
    outcome: { providerId: string; followUps: FollowUp[]; settledBy: 'lookup' | 'rep' },
  ): Promise<void>;
  followUpDone(key: string, done: FollowUp): Promise<void>;
  /** ends this process's reservation of the key (after the attempt's last line) */
  release(key: string): void;
  /** `sending` and `unknown`: fates to look up, or held for the rep */
  open(): JournalEntry[];
  /** `prepared` and not being sent by this process: a crash stopped them before anything left */
  interrupted(): JournalEntry[];
  pendingFollowUps(): JournalEntry[];
  /** the mailbox's sends (commit times, sorted): unknown fates count as sent */
  sendTimes(mailboxId: string): readonly number[];
  sentSince(mailboxId: string, since: number): number;
  close(): Promise<void>;
}

export interface JournalOptions {
  now?: () => number;
  /** tests: a file whose writes fail on demand (a full disk) */
  openFile?: OpenJournalFile;
}

export async function openSendJournal(file: string, options: JournalOptions = {}): Promise<SendJournal> {
  const now = options.now ?? Date.now;
  const entries = await load(file);
  const log = await openAppendOnly(file, options.openFile);
  const busy = new Set<string>();
  const keyByMessageId = new Map<string, string>();
  const times = createSendTimes();
  for (const e of entries.values()) {
    keyByMessageId.set(e.messageId, e.key);
    for (const at of e.sends ?? []) times.add(e.mailboxId, at);
  }

  /** Writes the entry's new line, and only once it is written does memory say so. */
  async function write(next: JournalEntry, sync: boolean): Promise<void> {
    await log.append(`${JSON.stringify(next)}\n`, sync);
    const before = entries.get(next.key);
    entries.set(next.key, next);
    keyByMessageId.set(next.messageId, next.key);
    for (const at of before?.sends ?? []) times.remove(before?.mailboxId ?? '', at);
    for (const at of next.sends ?? []) times.add(next.mailboxId, at);
  }

  function current(key: string): JournalEntry {
    const entry = entries.get(key);
    if (!entry) throw new Error('No journal entry for this message');
    return entry;
  }

  /** the entry's next line: the patch over the last one, trimmed to what its state needs */
  function next(key: string, patch: Partial<JournalEntry>): JournalEntry {
    return trimmed({ ...current(key), ...patch, at: now() });
  }

  return {
    get: (key) => entries.get(key),
    byMessageId(messageId) {
      const key = keyByMessageId.get(messageId);
      const entry = key === undefined ? undefined : entries.get(key);
      return entry?.messageId === messageId ? entry : undefined;
    },

    async prepare(key, { mailboxId, messageId, audit }) {
      const existing = entries.get(key);
      if (busy.has(key)) return { ok: false, existing: existing ?? placeholder(key, mailboxId, now()) };
      if (existing && blocksRetry(existing)) return { ok: false, existing };
      busy.add(key);
      const attempt = (existing?.attempt ?? 0) + 1;
      try {
        await write(
          {
            key,
            state: 'prepared',
            messageId,
            mailboxId,
            attempt,
            at: now(),
            ...(existing?.sends?.length ? { sends: existing.sends } : {}),
            audit,
          },
          false,
        );
      } catch (error) {
        busy.delete(key);
        throw error;
      }
      return { ok: true, attempt, messageId };
    },

    async commit(key, { draft, raw }) {
      const at = now();
      const sends = [...(current(key).sends ?? []), at];
      const bytes = raw?.toString('base64');
      await write(next(key, { state: 'sending', committedAt: at, sends, draft, raw: bytes }), true);
    },

    accepted: (key, { providerId, followUps }) =>
      write(next(key, { state: 'accepted', providerId, followUps }), true),

    unknown: (key, { why, error }) => write(next(key, { state: 'unknown', why, error }), true),

    failed(key, { error, retryable, undelivered, settledBy }) {
      const entry = current(key);
      const sends = undelivered
        ? (entry.sends ?? []).filter((at) => at !== entry.committedAt)
        : (entry.sends ?? []);
      return write(next(key, { state: 'failed', error, retryable, sends, settledBy }), true);
    },

    settledSent: (key, { providerId, followUps, settledBy }) =>
      write(next(key, { state: 'accepted', providerId, followUps, settledBy }), true),

    followUpDone(key, done) {
      const left = (current(key).followUps ?? []).filter((f) => f !== done);
      // not fsynced: a follow-up lost to a crash is simply done again, and each is idempotent
      return write(next(key, { followUps: left }), false);
    },

    release: (key) => void busy.delete(key),
    open: () =>
      [...entries.values()].filter(
        (e) => (e.state === 'sending' || e.state === 'unknown') && !busy.has(e.key),
      ),
    interrupted: () => [...entries.values()].filter((e) => e.state === 'prepared' && !busy.has(e.key)),
    pendingFollowUps: () =>
      [...entries.values()].filter((e) => e.state === 'accepted' && (e.followUps?.length ?? 0) > 0),
    sendTimes: (mailboxId) => times.all(mailboxId),
    sentSince: (mailboxId, since) => times.countSince(mailboxId, since),
    close: () => log.close(),
  };
}

/** What each state keeps: the draft while the fate is open, the bytes until the Sent copy is made. */
function trimmed(entry: JournalEntry): JournalEntry {
  const { draft, raw, error, retryable, why, providerId, followUps, settledBy, ...base } = entry;
  switch (entry.state) {
    case 'prepared':
      return base;
    case 'sending':
      return { ...base, draft, raw };
    case 'unknown':
      return { ...base, draft, raw, why, error };
    case 'accepted':
      return {
        ...base,
        providerId,
        followUps,
        settledBy,
        ...(followUps?.includes('sent-copy') ? { raw } : {}),
      };
    case 'failed':
      return { ...base, error, retryable, settledBy };
  }
}

function placeholder(key: string, mailboxId: string, at: number): JournalEntry {
  return { key, state: 'sending', messageId: '', mailboxId, attempt: 0, at };
}

/** Reads the journal (last line per key wins) and compacts it when superseded lines outweigh the live ones. */
async function load(file: string): Promise<Map<string, JournalEntry>> {
  const { records, bytes, torn } = await readLines<JournalEntry>(file);
  const entries = new Map<string, JournalEntry>();
  for (const entry of records) entries.set(entry.key, entry);
  const lines = [...entries.values()].map((e) => `${JSON.stringify(e)}\n`);
  const live = lines.reduce((n, line) => n + Buffer.byteLength(line), 0);
  if (torn || bytes > live * 3 + 256 * 1024) await rewrite(file, lines);
  return entries;
}
