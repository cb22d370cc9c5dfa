import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';

/** A mailbox's settings as main keeps them: everything but secrets (those are in the vault). */
export type MailboxRecord = MailboxInfo;

export interface MailboxStore {
  all(): MailboxRecord[];
  get(id: string): MailboxRecord | undefined;
  put(record: MailboxRecord): void;
  remove(id: string): void;
}

/** Mailbox settings in a JSON file, written atomically (browser mode, tests, and the desktop's user-data folder). */
export function createMailboxFileStore(file: string): MailboxStore {
  let records = new Map<string, MailboxRecord>();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as MailboxRecord[];
    records = new Map(parsed.map((r) => [r.id, r]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`The mailbox settings file ${file} is damaged`);
  }
  function persist() {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, JSON.stringify([...records.values()], null, 2), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return {
    all: () => [...records.values()].sort((a, b) => a.createdAt - b.createdAt),
    get: (id) => records.get(id),
    put(record) {
      records.set(record.id, record);
      persist();
    },
    remove(id) {
      if (records.delete(id)) persist();
    },
  };
}
