import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { JournalEntry } from '../send/journal-entry';
import { keyInSubject } from './world-services';

/** What a receiving server holds for one key: how many copies, and their Message-IDs. */
export interface Received {
  count: number;
  messageIds: string[];
}

/**
 * Counts messages per key as a receiving server holds them (SMTP's received store, a stand-in's sent
 * messages, an IMAP folder): each one parsed back, the key read from its subject, so a second copy with
 * another Message-ID is counted all the same. Independent of the journal it checks.
 */
export async function receivedByKey(raws: readonly (Buffer | string)[]): Promise<Map<string, Received>> {
  const byKey = new Map<string, Received>();
  for (const raw of raws) {
    const mail = await simpleParser(typeof raw === 'string' ? Buffer.from(raw) : raw);
    const key = keyInSubject(mail.subject);
    if (!key) continue;
    const seen = byKey.get(key) ?? { count: 0, messageIds: [] };
    seen.count += 1;
    seen.messageIds.push(mail.messageId ?? '');
    byKey.set(key, seen);
  }
  return byKey;
}

/** The journal's last line per key, read from the file (for classifying an outcome, never for counting). */
export async function journalOnDisk(dataDir: string): Promise<Map<string, JournalEntry>> {
  const text = await readFile(join(dataDir, 'send-journal.jsonl'), 'utf8').catch(() => '');
  const entries = new Map<string, JournalEntry>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      entries.set(entry.key, entry);
    } catch {
      // a torn last line
    }
  }
  return entries;
}
