import { err, ok, type Result } from '../../../../shared/ipc/result';
import { translateGraphFailure } from '../../mailboxes/outlook/outlook-errors';
import { type OutlookSettings, outlookEndpoints } from '../../mailboxes/outlook/outlook-settings';
import { createOutlookTokenSource } from '../../mailboxes/outlook/outlook-tokens';
import { type AccessTokenSource, authorizedCall } from '../../oauth/authorized-call';
import { field } from '../../oauth/http-call';
import type { TokenStore } from '../../oauth/token-store';
import { API_LOOKUP_SETTLE_MS, sendThroughApi } from './api-send';
import { type InboxItem, notDelivered, type ReadableMailTransport } from './mail-transport';

export interface GraphTransportOptions {
  settings: OutlookSettings;
  mailboxId: string;
  tokenStore: TokenStore;
  /** first inbox read without a cursor: how far back to look; default 2 days */
  initialInboxDays?: number;
  now?: () => number;
  fetch?: typeof fetch;
  tokens?: AccessTokenSource;
}

const MAX_INBOX_ITEMS = 100;

/** the Message-ID header of raw MIME: Graph's sendMail answers 202 with no id, so this names the message */
export function messageIdHeader(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1');
  return /^message-id:[ \t]*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? null;
}

/** OData string literal: single quotes doubled */
const odataString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Outlook / Microsoft 365 through Microsoft Graph: MIME send, Sent lookup by internetMessageId, inbox delta. */
export function createGraphTransport(options: GraphTransportOptions): ReadableMailTransport {
  const { graphBaseUrl } = outlookEndpoints(options.settings);
  const timeoutMs = options.settings.timeoutMs ?? 30_000;
  const tokens =
    options.tokens ?? createOutlookTokenSource(options.settings, options.tokenStore, options.mailboxId);
  const now = options.now ?? Date.now;
  let closed = false;

  const call = (request: {
    method: 'GET' | 'POST';
    url: string;
    body?: string;
    headers?: Record<string, string>;
    binary?: boolean;
  }) => {
    if (closed) return Promise.resolve(err('unavailable', 'This Outlook connection was closed.'));
    // links Graph hands back (nextLink, deltaLink) are followed only on Graph's own origin: they carry our token
    if (!request.url.startsWith(`${graphBaseUrl}/`))
      return Promise.resolve(err('invalid-input', 'The inbox position does not belong to Microsoft Graph.'));
    return authorizedCall(tokens, { ...request, timeoutMs }, translateGraphFailure, options.fetch);
  };

  async function deltaIds(cursor: string | undefined): Promise<Result<{ ids: string[]; cursor: string }>> {
    const since = new Date(now() - (options.initialInboxDays ?? 2) * 86_400_000).toISOString();
    let url =
      cursor ??
      `${graphBaseUrl}/v1.0/me/mailFolders/inbox/messages/delta?${new URLSearchParams({ $select: 'id', $filter: `receivedDateTime ge ${since}` })}`;
    const ids: string[] = [];
    for (;;) {
      const page = await call({ method: 'GET', url, headers: { Prefer: 'odata.maxpagesize=50' } });
      if (!page.ok) return page;
      const value = field(page.value.body, 'value');
      for (const item of Array.isArray(value) ? value : []) {
        const id = field(item, 'id');
        if (typeof id === 'string' && field(item, '@removed') === undefined && !ids.includes(id))
          ids.push(id);
      }
      const next = field(page.value.body, '@odata.nextLink');
      const delta = field(page.value.body, '@odata.deltaLink');
      if (typeof next === 'string') {
        if (ids.length >= MAX_INBOX_ITEMS) return ok({ ids, cursor: next }); // a nextLink resumes the round
        url = next;
        continue;
      }
      if (typeof delta === 'string') return ok({ ids, cursor: delta });
      return err('transient', 'Outlook ended the inbox listing early. Fairsend will try again later.');
    }
  }

  return {
    kind: 'outlook',
    // Graph's MIME send takes the recipients from the headers (no envelope), like Gmail
    deliver: ({ raw }, commit) =>
      closed
        ? Promise.resolve(notDelivered('unavailable', 'This Outlook connection was closed.'))
        : sendThroughApi(
            {
              provider: 'Outlook',
              tokens,
              url: `${graphBaseUrl}/v1.0/me/sendMail`,
              headers: { 'Content-Type': 'text/plain' },
              body: raw.toString('base64'),
              timeoutMs,
              translate: translateGraphFailure,
              // 202 Accepted carries no id: the message is named by its Message-ID
              providerId: () => messageIdHeader(raw) ?? `graph-accepted-${now()}`,
            },
            commit,
          ),

    // sendMail is queued: the copy reaches Sent Items a little later, hence the settle delay. The lookup covers
    // every folder, so a copy the rep moved or deleted is still found.
    absenceProvesNotSentAfterMs: API_LOOKUP_SETTLE_MS,
    async findSent(messageId) {
      if (!/^<[^<>\s]+@[^<>\s]+>$/.test(messageId.trim()))
        return err('invalid-input', 'That is not a Message-ID.');
      const q = new URLSearchParams({
        $filter: `internetMessageId eq ${odataString(messageId.trim())}`,
        $select: 'id',
        $top: '1',
      });
      const found = await call({ method: 'GET', url: `${graphBaseUrl}/v1.0/me/messages?${q}` });
      if (!found.ok) return found;
      const id = field(found.value.body, 'value', '0', 'id');
      return ok(typeof id === 'string' ? { found: true, providerId: id } : { found: false });
    },

    async fetchInbox(cursor) {
      const listed = await deltaIds(cursor);
      if (!listed.ok) return listed;
      const items: InboxItem[] = [];
      for (const id of listed.value.ids) {
        const got = await call({
          method: 'GET',
          url: `${graphBaseUrl}/v1.0/me/messages/${encodeURIComponent(id)}/$value`,
          binary: true,
        });
        if (!got.ok && got.error.code === 'not-found') continue; // deleted since it was listed
        if (!got.ok) return got;
        if (got.value.bytes) items.push({ providerId: id, raw: got.value.bytes });
      }
      return ok({ items, cursor: listed.value.cursor });
    },

    async close() {
      closed = true;
    },
  };
}
