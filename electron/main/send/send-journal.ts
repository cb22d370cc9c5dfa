import type { FileHandle } from 'node:fs/promises';
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import type { AppErrorShape } from '../../../shared/ipc/result';

/**
 * The send journal: an append-only file of JSON lines, each made durable (fsync) before the call that
 * depends on it goes on. `sending` is on disk before the transport is called and `sent` (with the
 * provider's id) after, so a crash in between leaves a trace that is reconciled before any retry.
 * It is a file and not IndexedDB because Chromium's IndexedDB defaults to relaxed durability.
 */

export type JournalState = 'sending' | 'sent' | 'failed';

export interface JournalEntry {
  /** the idempotency key of one message (one lead × step, or one one-off compose) */
  key: string;
  state: JournalState;
  messageId: string;
  mailboxId: string;
  attempt: number;
  at: number;
  providerId?: string;
  error?: AppErrorShape;
  /** false for a permanent failure: never tried again */
  retryable?: boolean;
}

export type BeginOutcome = { ok: true; attempt: number } | { ok: false; existing: JournalEntry };

export interface SendJournal {
  /** Refuses a key that is in flight, sent, or failed for good; allows a new attempt after a retryable failure. */
  begin(key: string, message: { messageId: string; mailboxId: string }): Promise<BeginOutcome>;
  markSent(key: string, providerId: string): Promise<void>;
  markFailed(key: string, error: AppErrorShape, retryable: boolean): Promise<void>;
  get(key: string): JournalEntry | undefined;
  /** The entry that sent (or is sending) this Message-ID: the inbox watcher knows our replies and bounces by it. */
  byMessageId(messageId: string): JournalEntry | undefined;
  /** Entries left `sending` by a crash: reconcile these before sending anything else. */
  inFlight(): JournalEntry[];
  close(): Promise<void>;
}

export async function openSendJournal(file: string, now: () => number = Date.now): Promise<SendJournal> {
  const entries = await load(file);
  const handle: FileHandle = await open(file, 'a', 0o600);
  let writing: Promise<void> = Promise.resolve();
  const keyByMessageId = new Map([...entries.values()].map((e) => [e.messageId, e.key]));

  /** Appends and fsyncs one line; appends are serialised so lines never interleave. */
  function append(entry: JournalEntry): Promise<void> {
    entries.set(entry.key, entry);
    keyByMessageId.set(entry.messageId, entry.key);
    const line = `${JSON.stringify(entry)}\n`;
    writing = writing.then(async () => {
      await handle.appendFile(line, 'utf8');
      await handle.datasync();
    });
    return writing;
  }

  function update(key: string, patch: Partial<JournalEntry>): Promise<void> {
    const current = entries.get(key);
    if (!current) throw new Error('No journal entry for this message');
    return append({ ...current, ...patch, at: now() });
  }

  return {
    async begin(key, { messageId, mailboxId }) {
      const existing = entries.get(key);
      if (existing && !(existing.state === 'failed' && existing.retryable)) return { ok: false, existing };
      const attempt = (existing?.attempt ?? 0) + 1;
      const { error: _e, providerId: _p, retryable: _r, ...base } = existing ?? { key };
      await append({ ...base, key, state: 'sending', messageId, mailboxId, attempt, at: now() });
      return { ok: true, attempt };
    },
    markSent: (key, providerId) => update(key, { state: 'sent', providerId }),
    markFailed: (key, error, retryable) => update(key, { state: 'failed', error, retryable }),
    get: (key) => entries.get(key),
    byMessageId(messageId) {
      const key = keyByMessageId.get(messageId);
      const entry = key === undefined ? undefined : entries.get(key);
      return entry?.messageId === messageId ? entry : undefined;
    },
    inFlight: () => [...entries.values()].filter((e) => e.state === 'sending'),
    async close() {
      await writing;
      await handle.close();
    },
  };
}

/**
 * Reads the journal: the last line per key wins. A torn last line (the crash hit mid-write) is dropped;
 * damage anywhere else is an error, because silently skipping it could send a message twice.
 * When most lines are superseded, the file is compacted (written anew and renamed over the old one).
 */
async function load(file: string): Promise<Map<string, JournalEntry>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const lines = text.split('\n');
  const entries = new Map<string, JournalEntry>();
  lines.forEach((line, i) => {
    if (!line) return;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      entries.set(entry.key, entry);
    } catch {
      const isLast = i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '');
      if (!isLast)
        throw new Error(`The send journal is damaged at line ${i + 1}; refusing to guess what was sent.`);
    }
  });
  const torn = !text.endsWith('\n') && text.length > 0;
  if (torn || lines.length > entries.size * 4 + 64) {
    const tmp = `${file}.compact`;
    await writeFile(tmp, [...entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''), {
      mode: 0o600,
    });
    const fh = await open(tmp, 'r+');
    await fh.datasync();
    await fh.close();
    await rename(tmp, file);
  }
  return entries;
}
