import { err, ok, type Result } from '../../../../shared/ipc/result';
import { translateGmailFailure } from '../../mailboxes/gmail/gmail-errors';
import { type GmailSettings, googleEndpoints } from '../../mailboxes/gmail/gmail-settings';
import { createGoogleTokenSource } from '../../mailboxes/gmail/gmail-tokens';
import { type AccessTokenSource, authorizedCall } from '../../oauth/authorized-call';
import { field } from '../../oauth/http-call';
import type { TokenStore } from '../../oauth/token-store';
import { API_LOOKUP_SETTLE_MS, sendThroughApi } from './api-send';
import { type InboxItem, notDelivered, type ReadableMailTransport } from './mail-transport';

export interface GmailTransportOptions {
  settings: GmailSettings;
  mailboxId: string;
  tokenStore: TokenStore;
  /** first inbox read without a cursor: how far back to look; default 2 days */
  initialInboxDays?: number;
  fetch?: typeof fetch;
  /** tests may pass their own; the app uses the TokenStore-backed one */
  tokens?: AccessTokenSource;
}

const MAX_INBOX_ITEMS = 100;

/** A Message-ID as the gate writes it: `<local@domain>`, no spaces or quotes (it goes into a search query). */
export function bareMessageId(messageId: string): string | null {
  const match = /^<?([^<>\s"]+@[^<>\s"]+)>?$/.exec(messageId.trim());
  return match?.[1] ?? null;
}

/** Gmail through its REST API: delivers the gate's bytes unchanged, finds them in Sent, reads new inbox mail. */
export function createGmailTransport(options: GmailTransportOptions): ReadableMailTransport {
  const base = `${googleEndpoints(options.settings).gmailApiBaseUrl}/gmail/v1/users/me`;
  const timeoutMs = options.settings.timeoutMs ?? 30_000;
  const tokens =
    options.tokens ?? createGoogleTokenSource(options.settings, options.tokenStore, options.mailboxId);
  let closed = false;

  const call = (method: 'GET' | 'POST', path: string, body?: unknown) => {
    if (closed) return Promise.resolve(err('unavailable', 'This Gmail connection was closed.'));
    return authorizedCall(
      tokens,
      {
        method,
        url: `${base}${path}`,
        timeoutMs,
        ...(body !== undefined
          ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
          : {}),
      },
      translateGmailFailure,
      options.fetch,
    );
  };

  async function rawMessage(id: string): Promise<Result<InboxItem | null>> {
    const got = await call('GET', `/messages/${encodeURIComponent(id)}?format=raw`);
    if (!got.ok) return got.error.code === 'not-found' ? ok(null) : got; // deleted since it was listed
    const raw = field(got.value.body, 'raw');
    return typeof raw === 'string' ? ok({ providerId: id, raw: Buffer.from(raw, 'base64url') }) : ok(null);
  }

  /** ids of messages added to INBOX since the history id, following pages */
  async function addedSince(historyId: string): Promise<Result<{ ids: string[]; cursor: string }>> {
    const ids: string[] = [];
    let pageToken = '';
    let lastEntry = historyId; // when we stop early, the next read continues after the last entry we took
    for (;;) {
      const q = new URLSearchParams({
        startHistoryId: historyId,
        historyTypes: 'messageAdded',
        labelId: 'INBOX',
      });
      if (pageToken) q.set('pageToken', pageToken);
      const page = await call('GET', `/history?${q}`);
      if (!page.ok) return page;
      const history = field(page.value.body, 'history');
      for (const entry of Array.isArray(history) ? history : []) {
        const entryId = field(entry, 'id');
        if (typeof entryId === 'string') lastEntry = entryId;
        const added = field(entry, 'messagesAdded');
        for (const item of Array.isArray(added) ? added : []) {
          const id = field(item, 'message', 'id');
          const labels = field(item, 'message', 'labelIds');
          if (
            typeof id === 'string' &&
            Array.isArray(labels) &&
            labels.includes('INBOX') &&
            !ids.includes(id)
          )
            ids.push(id);
        }
      }
      const next = field(page.value.body, 'nextPageToken');
      if (typeof next === 'string' && next) {
        if (ids.length >= MAX_INBOX_ITEMS) return ok({ ids, cursor: lastEntry });
        pageToken = next;
        continue;
      }
      const cursor = field(page.value.body, 'historyId');
      return ok({ ids, cursor: typeof cursor === 'string' ? cursor : historyId });
    }
  }

  /** no cursor (or one Gmail no longer knows): the recent inbox, and the current history id to continue from */
  async function recentInbox(): Promise<Result<{ ids: string[]; cursor: string }>> {
    const profile = await call('GET', '/profile');
    if (!profile.ok) return profile;
    const cursor = field(profile.value.body, 'historyId');
    const q = new URLSearchParams({
      labelIds: 'INBOX',
      q: `newer_than:${options.initialInboxDays ?? 2}d`,
      maxResults: String(MAX_INBOX_ITEMS),
    });
    const list = await call('GET', `/messages?${q}`);
    if (!list.ok) return list;
    const messages = field(list.value.body, 'messages');
    const ids = (Array.isArray(messages) ? messages : [])
      .map((m) => field(m, 'id'))
      .filter((id): id is string => typeof id === 'string');
    return ok({ ids, cursor: typeof cursor === 'string' ? cursor : '' });
  }

  return {
    kind: 'gmail',
    // Gmail takes the recipients from the MIME headers, not an envelope: the gate writes both from one list
    deliver: ({ raw }, commit) =>
      closed
        ? Promise.resolve(notDelivered('unavailable', 'This Gmail connection was closed.'))
        : sendThroughApi(
            {
              provider: 'Gmail',
              tokens,
              url: `${base}/messages/send`,
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ raw: raw.toString('base64url') }),
              timeoutMs,
              translate: translateGmailFailure,
              // a 200 means sent, with or without the id it should carry
              providerId: (body) => {
                const id = field(body, 'id');
                return typeof id === 'string' ? id : 'gmail-sent';
              },
            },
            commit,
          ),
    // Gmail files every message it sends at once; the search covers the whole mailbox (trash and spam too)
    absenceProvesNotSentAfterMs: API_LOOKUP_SETTLE_MS,
    async findSent(messageId) {
      const bare = bareMessageId(messageId);
      if (!bare) return err('invalid-input', 'That is not a Message-ID.');
      const q = new URLSearchParams({ q: `rfc822msgid:${bare} in:anywhere`, maxResults: '1' });
      const found = await call('GET', `/messages?${q}`);
      if (!found.ok) return found;
      const id = field(found.value.body, 'messages', '0', 'id');
      return ok(typeof id === 'string' ? { found: true, providerId: id } : { found: false });
    },
    async fetchInbox(cursor) {
      if (cursor !== undefined && !/^\d+$/.test(cursor))
        return err('invalid-input', 'The inbox position is not a Gmail history id.');
      let listed = cursor ? await addedSince(cursor) : await recentInbox();
      if (!listed.ok && listed.error.code === 'not-found') listed = await recentInbox(); // history expired (~1 week)
      if (!listed.ok) return listed;
      const items: InboxItem[] = [];
      for (const id of listed.value.ids) {
        const item = await rawMessage(id);
        if (!item.ok) return item;
        if (item.value) items.push(item.value);
      }
      return ok({ items, cursor: listed.value.cursor });
    },

    async close() {
      closed = true;
    },
  };
}
