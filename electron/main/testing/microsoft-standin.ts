import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
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

/**
 * The Microsoft identity platform (v2.0 endpoints + OpenID discovery) and the Microsoft Graph mail subset
 * Fairsend uses, over HTTPS on 127.0.0.1 (msal-node only accepts https authorities): authorize, token,
 * /me, sendMail (MIME), sent items by internetMessageId, inbox delta with paging, message `$value`.
 */
export interface GraphStoredMessage {
  id: string;
  folder: 'sentitems' | 'inbox';
  raw: Buffer;
  seq: number;
}

export interface MicrosoftStandin {
  /** `https://127.0.0.1:<port>/<tenant>` */
  authority: string;
  graphBaseUrl: string;
  oauth: OAuthCore;
  address: string;
  messages: GraphStoredMessage[];
  sent(): Buffer[];
  receive(raw: Buffer): string;
  failNext(failure: QueuedFailure): void;
  /** the next sendMail (only) misbehaves so */
  misbehaveNextSend(...how: SendMisbehaviour[]): void;
  /** delta pages hold at most this many messages */
  pageSize: number;
  close(): Promise<void>;
}

export async function startMicrosoftStandin(options: {
  tls: { key: string; cert: string };
  clientId?: string;
  address?: string;
  tenant?: string;
}): Promise<MicrosoftStandin> {
  const tenant = options.tenant ?? 'organizations';
  const address = options.address ?? 'ana@contoso.test';
  const oauth = new OAuthCore(options.clientId ?? '00000000-0000-0000-0000-00000000f5e1', null, 'eyJ0');
  oauth.rotateRefreshTokens = true;
  const messages: GraphStoredMessage[] = [];
  const failures: QueuedFailure[] = [];
  const sendFaults: SendMisbehaviour[] = [];
  const oid = randomUUID();
  const tid = randomUUID();
  let seq = 0;
  let base = '';

  const store = (raw: Buffer, folder: GraphStoredMessage['folder']) => {
    const message = { id: `AAMk${randomUUID().replaceAll('-', '')}`, folder, raw, seq: ++seq };
    messages.push(message);
    return message;
  };
  oauth.tokenExtras = () => ({
    ext_expires_in: oauth.accessTokenLifetimeSec,
    id_token: unsignedJwt({
      aud: oauth.clientId,
      iss: `${base}/${tid}/v2.0`,
      iat: now(),
      nbf: now(),
      exp: now() + 3600,
      oid,
      sub: oid,
      tid,
      preferred_username: address,
      name: 'Ana Rep',
      ver: '2.0',
    }),
    client_info: Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString('base64url'),
  });

  async function graph(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!oauth.checkBearer(req)) {
      return sendJson(res, 401, {
        error: {
          code: 'InvalidAuthenticationToken',
          message: 'Lifetime validation failed, the token is expired.',
        },
      });
    }
    const failure = failures.shift();
    if (failure?.hang) return; // never answers: the client's timeout must end the call
    if (failure) {
      return sendJson(
        res,
        failure.status,
        failure.body ?? { error: { code: 'Failure' } },
        failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {},
      );
    }
    const path = url.pathname;
    if (req.method === 'GET' && path === '/v1.0/me') {
      return sendJson(res, 200, {
        id: oid,
        mail: address,
        userPrincipalName: address,
        displayName: 'Ana Rep',
      });
    }
    if (req.method === 'POST' && path === '/v1.0/me/sendMail') {
      const body = (await readBody(req)).toString('ascii').replace(/\s+/g, '');
      if (!req.headers['content-type']?.startsWith('text/plain') || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
        return sendJson(res, 400, {
          error: {
            code: 'ErrorMimeContentInvalidBase64String',
            message: 'Invalid base64 string for MIME content.',
          },
        });
      }
      const raw = Buffer.from(body, 'base64');
      const fault = sendFaults.shift();
      if (fault) return misbehave(res, fault, () => store(raw, 'sentitems'));
      store(raw, 'sentitems');
      return res.writeHead(202).end();
    }
    const byId = /^\/v1\.0\/me(?:\/mailFolders\/(sentitems))?\/messages$/.exec(path);
    if (req.method === 'GET' && byId) {
      const wanted = /^internetMessageId eq '((?:[^']|'')*)'$/
        .exec(url.searchParams.get('$filter') ?? '')?.[1]
        ?.replaceAll("''", "'");
      const folder = byId[1]; // /me/messages covers every folder
      const found = messages.filter(
        (m) => (!folder || m.folder === folder) && wanted && messageIdOf(m.raw) === wanted,
      );
      return sendJson(res, 200, { value: found.map((m) => ({ id: m.id, internetMessageId: wanted })) });
    }
    if (req.method === 'GET' && path === '/v1.0/me/mailFolders/inbox/messages/delta') {
      const after = Number(url.searchParams.get('$deltatoken') ?? url.searchParams.get('$skiptoken') ?? 0);
      const newer = messages.filter((m) => m.folder === 'inbox' && m.seq > after);
      const page = newer.slice(0, api.pageSize);
      const more = newer.length > page.length;
      const last = page.at(-1)?.seq ?? Math.max(after, seq);
      const link = `${base}/v1.0/me/mailFolders/inbox/messages/delta?${more ? '$skiptoken' : '$deltatoken'}=${more ? last : seq}`;
      return sendJson(res, 200, {
        value: page.map((m) => ({ id: m.id })),
        [more ? '@odata.nextLink' : '@odata.deltaLink']: link,
      });
    }
    const value = /^\/v1\.0\/me\/messages\/([\w-]+)\/\$value$/.exec(path);
    if (req.method === 'GET' && value) {
      const message = messages.find((m) => m.id === value[1]);
      if (!message) return sendJson(res, 404, { error: { code: 'ErrorItemNotFound' } });
      return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(message.raw);
    }
    sendJson(res, 404, { error: { code: 'BadRequest', message: 'Unsupported segment' } });
  }

  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const p = url.pathname;
    if (p === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      return sendJson(res, 200, {
        authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
        issuer: `${base}/{tenantid}/v2.0`,
        response_types_supported: ['code'],
      });
    }
    if (p === `/${tenant}/oauth2/v2.0/authorize`) return oauth.authorize(url, res);
    if (p === `/${tenant}/oauth2/v2.0/token` && req.method === 'POST') {
      void readBody(req).then((body) => {
        const answer = oauth.token(new URLSearchParams(body.toString('utf8')));
        sendJson(res, answer.status, answer.body);
      });
      return;
    }
    if (p.startsWith('/v1.0/')) {
      void graph(req, res, url).catch(() => sendJson(res, 500, { error: { code: 'InternalServerError' } }));
      return;
    }
    sendJson(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: MicrosoftStandin = {
    authority: `${base}/${tenant}`,
    graphBaseUrl: base,
    oauth,
    address,
    messages,
    sent: () => messages.filter((m) => m.folder === 'sentitems').map((m) => m.raw),
    receive: (raw) => store(raw, 'inbox').id,
    failNext: (failure) => failures.push(failure),
    misbehaveNextSend: (...how) => void sendFaults.push(...how),
    pageSize: 10,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return api;
}

const now = () => Math.floor(Date.now() / 1000);

/** msal reads id token claims without checking a signature (the token came straight from the token endpoint) */
function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
