import type { JournalEntry } from '../../electron/main/send/journal-entry';
import { journalOnDisk } from '../../electron/main/testing/delivery-count';
import type { MailboxSetup, SendWorld } from '../../electron/main/testing/send-world';
import { keyInSubject } from '../../electron/main/testing/world-services';

/**
 * Where a SIGKILL landed. Kills in the new key's send are read afterwards from the journal file and the
 * receiving server; the others are named by how they were aimed: at a random time before the child said
 * `sending` (opening the services, the start-up reconcile, retries and follow-ups of earlier keys), or at a
 * named moment of an earlier key (its retry, its follow-ups).
 */
export const MOMENTS = [
  'start-up: open, reconcile, earlier retries and follow-ups',
  'a named moment of an earlier key',
  'before the journal knew the key',
  'connecting or streaming (prepared)',
  'committed, before the server answered',
  'server answered, accepted not yet on disk',
  'accepted, follow-ups due',
  'after the follow-ups',
  'after another outcome',
] as const;
export type Moment = (typeof MOMENTS)[number];

export function momentOf(entry: JournalEntry | undefined, delivered: number): Moment {
  if (!entry) return 'before the journal knew the key';
  switch (entry.state) {
    case 'prepared':
      return 'connecting or streaming (prepared)';
    case 'sending':
      return delivered > 0
        ? 'server answered, accepted not yet on disk'
        : 'committed, before the server answered';
    case 'accepted':
      return entry.followUps?.length ? 'accepted, follow-ups due' : 'after the follow-ups';
    default:
      return 'after another outcome';
  }
}

/** the key in a message's Subject header, from the header block only (cheap, for classifying a kill) */
function subjectKey(raw: Buffer): string | null {
  const head = raw.toString('latin1', 0, Math.min(raw.length, 16_384)).split(/\r?\n\r?\n/, 1)[0] ?? '';
  return keyInSubject(/^Subject:[ \t]*(.*)$/im.exec(head)?.[1]?.trim());
}

/** Deliveries per key so far at each receiving server, counted incrementally, for classifying kills. */
export function createQuickCount(world: SendWorld) {
  const counts = new Map<string, number>();
  const seen = { smtp: 0, gmail: 0, outlook: 0 };
  const take = (list: readonly Buffer[], from: keyof typeof seen) => {
    for (; seen[from] < list.length; seen[from]++) {
      const key = subjectKey(list[seen[from]] ?? Buffer.alloc(0));
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  return {
    delivered(setup: MailboxSetup, key: string): number {
      if (setup === 'gmail') take(world.google.sent(), 'gmail');
      else if (setup === 'outlook') take(world.microsoft.sent(), 'outlook');
      else
        take(
          world.smtp.received.map((m) => m.raw),
          'smtp',
        );
      return counts.get(key) ?? 0;
    },
    async stateOnDisk(dataDir: string, key: string): Promise<JournalEntry | undefined> {
      return (await journalOnDisk(dataDir)).get(key);
    },
  };
}
