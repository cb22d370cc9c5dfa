import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { err, ok, type Result } from '../../../../shared/ipc/result';
import { translateImapError } from './imap-errors';
import type { InboxItem, MailTransport, SentLookup } from './mail-transport';
import { isLoopbackHost } from './smtp-transport';
import { type PinnedCertificate, tlsTrustOptions } from './tls-trust';

export const IMAP_PORTS = [993, 143] as const;

export interface ImapOptions {
  host: string;
  port: (typeof IMAP_PORTS)[number];
  /** implicit TLS (993) or STARTTLS (143). `plaintext-loopback` exists for tests against a local server. */
  security: 'tls' | 'starttls' | 'plaintext-loopback';
  user: string;
  /** the secret: handed in by the vault, never stored here */
  password: string;
  /** one more authority to trust (FAIRSEND_SMTP_CA: a local server's own; tests) */
  ca?: string | Buffer | undefined;
  /** the certificate the rep trusted for this host and port: the only one accepted */
  pinned?: PinnedCertificate | undefined;
  timeoutMs?: number;
  /** the clock for "the last two days" of the first inbox read */
  now?: () => number;
}

export interface ImapReader {
  /** Connects and logs in, reading nothing: used before credentials are saved. */
  verify(): Promise<Result<null>>;
  findSent: MailTransport['findSent'];
  /** Copies a delivered message into Sent unless the provider already put it there (Gmail, Outlook do). */
  appendSent(raw: Buffer): Promise<Result<{ appended: boolean }>>;
  /** New inbox messages after `cursor` (`uidValidity:lastUid`); without one, the last two days, at most 200. */
  fetchInbox(cursor?: string): Promise<Result<{ items: InboxItem[]; cursor: string }>>;
  close(): Promise<void>;
}

const FIRST_READ_DAYS = 2;
const FIRST_READ_MAX = 200;
/** a later read returns at most this many; the cursor continues from the last one returned */
const BATCH_MAX = 200;
/** where clients without SPECIAL-USE keep sent mail */
const SENT_NAMES = ['sent', 'sent items', 'sent messages', '[gmail]/sent mail', 'inbox.sent', 'inbox/sent'];

export function imapConfig(options: ImapOptions): ImapFlowOptions {
  if (options.security === 'plaintext-loopback' && !isLoopbackHost(options.host)) {
    throw new Error('Unencrypted IMAP is allowed only to a server on this computer.');
  }
  const timeout = options.timeoutMs ?? 20_000;
  return {
    host: options.host,
    port: options.port,
    secure: options.security === 'tls',
    // required, not opportunistic: a stripped STARTTLS capability must fail rather than send the login in clear
    doSTARTTLS: options.security === 'starttls' ? true : options.security === 'tls' ? undefined : false,
    auth: { user: options.user, pass: options.password },
    tls: { minVersion: 'TLSv1.2', ...tlsTrustOptions({ extraCa: options.ca, pinned: options.pinned }) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    disableAutoIdle: true,
    logger: false,
  };
}

/** The Message-ID header of raw MIME, from the header block only. */
export function headerMessageId(raw: Buffer): string | null {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^>\s]+>)/im.exec(header)?.[1] ?? null;
}

/**
 * Reads an SMTP mailbox over IMAP: its Sent folder for crash reconcile, its inbox for the watcher.
 * Each call opens its own short session: calls are rare (a poll, a reconcile, one append per send), and a
 * fresh session never carries a half-broken connection into the next call.
 */
export function createImapReader(options: ImapOptions): ImapReader {
  const config = imapConfig(options);
  const now = options.now ?? Date.now;
  const open = new Set<ImapFlow>();

  async function session<T>(work: (client: ImapFlow) => Promise<T>): Promise<Result<T>> {
    const client = new ImapFlow(config);
    // errors also reject the pending call; an 'error' event without a listener would crash main
    client.on('error', () => {});
    open.add(client);
    try {
      await client.connect();
      const value = await work(client);
      await client.logout().catch(() => client.close());
      return ok(value);
    } catch (error) {
      client.close();
      return { ok: false, error: translateImapError(error) };
    } finally {
      open.delete(client);
    }
  }

  async function sentFolder(client: ImapFlow): Promise<string | null> {
    const folders = await client.list();
    const special = folders.find((f) => f.specialUse === '\\Sent');
    if (special) return special.path;
    return folders.find((f) => SENT_NAMES.includes(f.path.toLowerCase()))?.path ?? null;
  }

  /** HEADER search matches substrings, so candidates are confirmed against their envelope's exact Message-ID. */
  async function hasMessageId(client: ImapFlow, folder: string, messageId: string): Promise<boolean> {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      if (uids.length === 0) return false;
      const found = await client.fetchAll(uids.join(','), { envelope: true }, { uid: true });
      return found.some((m) => m.envelope?.messageId === messageId);
    } finally {
      lock.release();
    }
  }

  const NO_SENT = err('unavailable', 'This mailbox has no Sent folder that Fairsend can find over IMAP.');

  /** Message-IDs asked for in the same tick share one session (reconcile asks for every open fate at once). */
  const lookups = new Map<string, ((found: SentLookup) => void)[]>();
  async function lookUpBatch() {
    const batch = new Map(lookups);
    lookups.clear();
    const result = await session(async (client) => {
      const folder = await sentFolder(client);
      if (folder === null) return null;
      const found = new Map<string, boolean>();
      for (const id of batch.keys()) found.set(id, await hasMessageId(client, folder, id));
      return found;
    });
    for (const [id, waiting] of batch) {
      const answer: SentLookup = !result.ok
        ? result
        : result.value === null
          ? NO_SENT
          : ok(result.value.get(id) ? { found: true, providerId: id } : { found: false });
      for (const resolve of waiting) resolve(answer);
    }
  }

  return {
    verify: () => session(async () => null),

    findSent(messageId) {
      return new Promise((resolve) => {
        const waiting = lookups.get(messageId) ?? [];
        waiting.push(resolve);
        lookups.set(messageId, waiting);
        if (lookups.size === 1 && waiting.length === 1) setImmediate(() => void lookUpBatch());
      });
    },

    async appendSent(raw) {
      const messageId = headerMessageId(raw);
      const result = await session(async (client) => {
        const folder = await sentFolder(client);
        if (folder === null) return null;
        if (messageId && (await hasMessageId(client, folder, messageId))) return false;
        await client.append(folder, raw, ['\\Seen']);
        return true;
      });
      if (!result.ok) return result;
      return result.value === null ? NO_SENT : ok({ appended: result.value });
    },

    fetchInbox: (cursor) =>
      session(async (client) => {
        const lock = await client.getMailboxLock('INBOX', { readOnly: true });
        try {
          const box = client.mailbox;
          if (!box) throw Object.assign(new Error('INBOX not selected'), { code: 'NotFound' });
          const validity = String(box.uidValidity);
          const after = parseCursor(cursor, validity);
          const uids =
            after === null
              ? sorted(
                  await client.search(
                    { since: new Date(now() - FIRST_READ_DAYS * 86_400_000) },
                    { uid: true },
                  ),
                ).slice(-FIRST_READ_MAX)
              : sorted(await client.search({ uid: `${after + 1}:*` }, { uid: true }))
                  .filter((uid) => uid > after) // `n:*` always matches the newest message, even below n
                  .slice(0, BATCH_MAX);
          const items: InboxItem[] = [];
          if (uids.length > 0) {
            for (const m of await client.fetchAll(
              uids.join(','),
              { uid: true, source: true },
              { uid: true },
            )) {
              if (m.source) items.push({ providerId: `${validity}:${m.uid}`, raw: m.source });
            }
          }
          const last = uids.at(-1) ?? after ?? box.uidNext - 1;
          return { items, cursor: `${validity}:${after === null ? Math.max(last, box.uidNext - 1) : last}` };
        } finally {
          lock.release();
        }
      }),

    async close() {
      for (const client of open) client.close();
      open.clear();
    },
  };
}

/** The last UID read, or null when there is no cursor or the server renumbered the folder (UIDVALIDITY changed). */
function parseCursor(cursor: string | undefined, validity: string): number | null {
  const match = /^(\d+):(\d+)$/.exec(cursor ?? '');
  return match && match[1] === validity ? Number(match[2]) : null;
}

const sorted = (uids: number[] | false | undefined) => [...(uids || [])].sort((a, b) => a - b);
