import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  messageIdOf,
  misbehave,
  OAuthCore,
  type QueuedFailure,
  readBody,
  type SendMisbehaviour,
  sendJson,
} from './oauth-standin-core';
import { answerPostmaster, createPostmasterStandin, type PostmasterStandin } from './postmaster-standin';

/**
 * Google's OAuth 2.0 endpoints and the Gmail API subset Fairsend uses, on 127.0.0.1 for tests:
 * authorize, token, users.getProfile, messages.send / list / get(format=raw), history.list; and the Postmaster
 * Tools API v1 (postmaster-standin.ts).
 */
export interface GmailStoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: Buffer;
  historyId: number;
}

export interface GoogleStandin {
  endpoints: { authBaseUrl: string; tokenUrl: string; gmailApiBaseUrl: string; postmasterApiBaseUrl: string };
  oauth: OAuthCore;
  /** the Postmaster Tools API's domains and days */
  postmaster: PostmasterStandin;
  address: string;
  messages: GmailStoredMessage[];
  /** the raw bytes of every message sent through the API, in order */
  sent(): Buffer[];
  /** a new message arrives in the inbox; returns its id */
  receive(raw: Buffer): string;
  /** answer the next Gmail API call with this failure */
  failNext(failure: QueuedFailure): void;
  /** the next messages.send (only) misbehaves so */
  misbehaveNextSend(...how: SendMisbehaviour[]): void;
  close(): Promise<void>;
}

export async function startGoogleStandin(
  options: { clientId?: string; clientSecret?: string | null; address?: string } = {},
): Promise<GoogleStandin> {
  const oauth = new OAuthCore(
    options.clientId ?? 'fairsend-test.apps.googleusercontent.com',
    options.clientSecret ?? null,
    'ya29',
  );
  const messages: GmailStoredMessage[] = [];
  const postmaster = createPostmasterStandin();
  const failures: QueuedFailure[] = [];
  const sendFaults: SendMisbehaviour[] = [];
  const address = options.address ?? 'ana@acme.test';
  let historyId = 1000;
  let nextId = 1;

  const store = (raw: Buffer, labelIds: string[]) => {
    historyId += 1;
    const message = { id: `msg${nextId++}`, threadId: `thr${nextId}`, labelIds, raw, historyId };
    messages.push(message);
    return message;
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!oauth.checkBearer(req)) {
      return sendJson(res, 401, {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials.',
          status: 'UNAUTHENTICATED',
        },
      });
    }
    const failure = failures.shift();
    if (failure?.hang) return; // never answers: the client's timeout must end the call
    if (failure) {
      return sendJson(
        res,
        failure.status,
        failure.body ?? { error: { code: failure.status } },
        failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {},
      );
    }
    const path = url.pathname.replace('/gmail/v1/users/me', '');
    const q = url.searchParams;
    if (req.method === 'GET' && path === '/profile') {
      return sendJson(res, 200, {
        emailAddress: address,
        messagesTotal: messages.length,
        historyId: String(historyId),
      });
    }
    if (req.method === 'POST' && path === '/messages/send') {
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { raw?: string };
      if (typeof body.raw !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(body.raw)) {
        return sendJson(res, 400, {
          error: { code: 400, message: 'Invalid value for ByteString', status: 'INVALID_ARGUMENT' },
        });
      }
      const raw = Buffer.from(body.raw, 'base64url');
      const fault = sendFaults.shift();
      if (fault) return misbehave(res, fault, () => store(raw, ['SENT']));
      const message = store(raw, ['SENT']);
      return sendJson(res, 200, { id: message.id, threadId: message.threadId, labelIds: message.labelIds });
    }
    if (req.method === 'GET' && path === '/messages') {
      const found = messages.filter((m) => matchesQuery(m, q.get('q') ?? '', q.getAll('labelIds'))).reverse();
      const page = found.slice(0, Number(q.get('maxResults') ?? 100));
      return sendJson(res, 200, {
        ...(page.length ? { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
        resultSizeEstimate: page.length,
      });
    }
    const get = /^\/messages\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && get) {
      const message = messages.find((m) => m.id === get[1]);
      if (!message)
        return sendJson(res, 404, { error: { code: 404, message: 'Requested entity was not found.' } });
      return sendJson(res, 200, {
        id: message.id,
        threadId: message.threadId,
        labelIds: message.labelIds,
        raw: message.raw.toString('base64url'),
        historyId: String(message.historyId),
      });
    }
    if (req.method === 'GET' && path === '/history') {
      const start = Number(q.get('startHistoryId'));
      if (!Number.isFinite(start) || start < 1000)
        return sendJson(res, 404, { error: { code: 404, message: 'Requested entity was not found.' } });
      const label = q.get('labelId');
      const added = messages.filter((m) => m.historyId > start && (!label || m.labelIds.includes(label)));
      return sendJson(res, 200, {
        ...(added.length
          ? {
              history: added.map((m) => ({
                id: String(m.historyId),
                messagesAdded: [{ message: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } }],
              })),
            }
          : {}),
        historyId: String(historyId),
      });
    }
    sendJson(res, 404, { error: { code: 404, message: 'Not found' } });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/o/oauth2/v2/auth') return oauth.authorize(url, res);
    if (url.pathname === '/token' && req.method === 'POST') {
      void readBody(req).then((body) => {
        const answer = oauth.token(new URLSearchParams(body.toString('utf8')));
        sendJson(res, answer.status, answer.body);
      });
      return;
    }
    if (url.pathname.startsWith('/v1/domains')) return answerPostmaster(postmaster, oauth, req, res, url);
    if (url.pathname.startsWith('/gmail/v1/users/me/')) {
      void api(req, res, url).catch(() => sendJson(res, 500, { error: { code: 500 } }));
      return;
    }
    sendJson(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoints: {
      authBaseUrl: `${base}/o/oauth2/v2/auth`,
      tokenUrl: `${base}/token`,
      gmailApiBaseUrl: base,
      postmasterApiBaseUrl: base,
    },
    oauth,
    postmaster,
    address,
    messages,
    sent: () => messages.filter((m) => m.labelIds.includes('SENT')).map((m) => m.raw),
    receive: (raw) => store(raw, ['INBOX', 'UNREAD']).id,
    failNext: (failure) => failures.push(failure),
    misbehaveNextSend: (...how) => void sendFaults.push(...how),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** the few Gmail search operators Fairsend sends: rfc822msgid:, in:sent, in:inbox, in:anywhere (others are ignored) */
function matchesQuery(message: GmailStoredMessage, query: string, labelIds: string[]): boolean {
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const [op, value = ''] = term.split(/:(.*)/s);
    if (op === 'rfc822msgid' && messageIdOf(message.raw) !== `<${value.replace(/^<|>$/g, '')}>`) return false;
    if (op === 'in' && value !== 'anywhere' && !message.labelIds.includes(value.toUpperCase())) return false;
  }
  return labelIds.every((label) => message.labelIds.includes(label));
}
