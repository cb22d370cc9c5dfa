import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import { readJsonFile, writeJsonFile } from '../settings/json-file';

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
  const records = new Map(readJsonFile<MailboxRecord[]>(file, []).map((r) => [r.id, r]));
  const persist = () => writeJsonFile(file, [...records.values()]);
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
