import { journalOnDisk, receivedByKey } from '../../electron/main/testing/delivery-count';
import type { MailboxSetup, SendWorld } from '../../electron/main/testing/send-world';

/**
 * How each key ended, judged at the receiving servers (parsed back, the key read from the subject) against
 * what the journal says. Exactly one of:
 * - delivered: one copy at the server, the journal says accepted;
 * - retryable: no copy, the journal says not sent (or never heard of it): the app sends it again;
 * - held: the journal says unknown, whatever the server holds: the rep decides;
 * - duplicate: two copies or more;
 * - lost: anything else (a copy the journal calls unsent, "accepted" with no copy, …).
 */
export type Ending = 'delivered' | 'retryable' | 'held' | 'duplicate' | 'lost';

export interface KeyRecord {
  setup: MailboxSetup;
  key: string;
  delivered: number;
  state: string;
  ending: Ending;
  /** smtp-imap: copies in the IMAP Sent folder */
  sentCopies: number | null;
  audited: number;
}

export interface Account {
  setup: MailboxSetup;
  keys: number;
  deliveries: number;
  endings: Record<Ending, number>;
  heldDelivered: number;
  /** sends the journal counts for caps and breakers (unknown fates as sent) */
  countedSends: number;
  sentCopyProblems: number;
  auditProblems: number;
  messageIdProblems: number;
}

export async function account(
  setup: MailboxSetup,
  dataDir: string,
  keys: readonly string[],
  world: SendWorld,
  audited: Record<string, number>,
): Promise<{ summary: Account; records: KeyRecord[] }> {
  const raws =
    setup === 'gmail'
      ? world.google.sent()
      : setup === 'outlook'
        ? world.microsoft.sent()
        : world.smtp.received.map((m) => m.raw);
  const atServer = await receivedByKey(raws);
  const inSent = setup === 'smtp-imap' ? await receivedByKey(world.imap.messages('Sent')) : null;
  const journal = await journalOnDisk(dataDir);
  const summary: Account = {
    setup,
    keys: keys.length,
    deliveries: 0,
    endings: { delivered: 0, retryable: 0, held: 0, duplicate: 0, lost: 0 },
    heldDelivered: 0,
    countedSends: 0,
    sentCopyProblems: 0,
    auditProblems: 0,
    messageIdProblems: 0,
  };
  const records: KeyRecord[] = [];
  for (const key of keys) {
    const got = atServer.get(key) ?? { count: 0, messageIds: [] };
    const entry = journal.get(key);
    const state = !entry
      ? 'none'
      : entry.state === 'failed'
        ? entry.retryable
          ? 'retryable'
          : 'failed'
        : entry.state;
    const ending: Ending =
      got.count > 1
        ? 'duplicate'
        : state === 'unknown'
          ? 'held'
          : got.count === 1 && state === 'accepted'
            ? 'delivered'
            : got.count === 0 && (state === 'none' || state === 'retryable')
              ? 'retryable'
              : 'lost';
    const copies = inSent ? (inSent.get(key)?.count ?? 0) : null;
    const events = audited[key] ?? 0;
    summary.endings[ending] += 1;
    summary.deliveries += got.count;
    summary.countedSends += entry?.sends?.length ?? 0;
    if (ending === 'held' && got.count > 0) summary.heldDelivered += 1;
    if (ending === 'delivered' && copies !== null && copies !== 1) summary.sentCopyProblems += 1;
    // one send.sent for a delivered message, none for one that is held or not sent
    if ((ending === 'delivered' ? 1 : 0) !== events && ending !== 'duplicate') summary.auditProblems += 1;
    if (got.count === 1 && entry && got.messageIds[0] !== entry.messageId) summary.messageIdProblems += 1;
    records.push({ setup, key, delivered: got.count, state, ending, sentCopies: copies, audited: events });
  }
  return { summary, records };
}
