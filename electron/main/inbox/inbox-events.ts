import { type FileHandle, open, readFile } from 'node:fs/promises';
import type { InboxEvent } from '../../../shared/ipc/inbox';

/**
 * What the inbox watcher found, for the renderer to apply (suppress, mark the lead, stop its sequences).
 * An append-only JSON-lines file in main's data dir. It holds plaintext addresses, so it never leaves this
 * desktop: the audit log gets suppression keys instead.
 */
export interface InboxEventLog {
  append(event: Omit<InboxEvent, 'seq'>): Promise<InboxEvent>;
  /** events after `seq`, oldest first, at most `limit` */
  since(seq: number, limit?: number): InboxEvent[];
  close(): Promise<void>;
}

export async function openInboxEventLog(file: string): Promise<InboxEventLog> {
  const events: InboxEvent[] = [];
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        events.push(JSON.parse(line) as InboxEvent);
      } catch {
        // a torn last line: its event was never handed out, and the message is read again (not yet seen)
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const handle: FileHandle = await open(file, 'a', 0o600);
  let tail: Promise<unknown> = Promise.resolve();

  return {
    append(partial) {
      const event: InboxEvent = { seq: (events.at(-1)?.seq ?? 0) + 1, ...partial };
      events.push(event);
      // The newline goes first, so a line torn by a crash never runs into the next one.
      const next = tail.then(() => handle.appendFile(`\n${JSON.stringify(event)}`, 'utf8'));
      tail = next.catch(() => {});
      return next.then(() => event);
    },
    since(seq, limit = 1000) {
      const start = events.findIndex((e) => e.seq > seq);
      return start < 0 ? [] : events.slice(start, start + limit);
    },
    async close() {
      await tail;
      await handle.close();
    },
  };
}
