import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The OAuth 2.0 authorization server both stand-ins share (Google's and Microsoft's speak the same RFC 6749 +
 * RFC 7636 subset): authorize records the PKCE challenge and redirects back; token checks the verifier,
 * issues short-lived access tokens and refresh tokens that a test can revoke.
 */
export interface ConsentBehaviour {
  /** 'deny' answers like a user who pressed Cancel */
  decision: 'grant' | 'deny';
  /** send the browser back with a different state (a forged or crossed redirect) */
  tamperState: boolean;
  /** record a challenge for a different verifier: the real one then fails at the token endpoint */
  tamperChallenge: boolean;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
  scope: string;
  clientId: string;
}

export class OAuthCore {
  accessTokenLifetimeSec = 3600;
  /** Microsoft hands out a new refresh token with every refresh (the old one keeps working a while) */
  rotateRefreshTokens = false;
  /** provider-specific fields of a token response (Microsoft: id_token, client_info) */
  tokenExtras: () => Record<string, unknown> = () => ({});
  readonly consent: ConsentBehaviour = { decision: 'grant', tamperState: false, tamperChallenge: false };
  /** every secret the server handed out or was shown: tests scan client output for these */
  readonly secretsSeen = new Set<string>();
  readonly grants: string[] = [];
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, number>(); // token → expires at (ms)
  private readonly accessScopes = new Map<string, string>(); // token → the scopes it was granted
  private readonly refresh = new Map<string, { scope: string; revoked: boolean }>();

  constructor(
    readonly clientId: string,
    readonly clientSecret: string | null,
    private readonly tokenPrefix: string,
  ) {}

  /** GET authorize: validate like the real servers do, then 302 to the loopback redirect. */
  authorize(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== this.clientId) return sendJson(res, 400, { error: 'invalid_client' });
    if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d+\//.test(redirectUri)) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri_mismatch' });
    }
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('state')) {
      return sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'PKCE S256 and state are required',
      });
    }
    const back = new URL(redirectUri);
    back.searchParams.set(
      'state',
      this.consent.tamperState ? 'not-the-state-you-sent' : (q.get('state') ?? ''),
    );
    if (this.consent.decision === 'deny') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = this.mint('code');
      this.codes.set(code, {
        challenge: this.consent.tamperChallenge ? 'x'.repeat(43) : (q.get('code_challenge') ?? ''),
        redirectUri,
        scope: q.get('scope') ?? '',
        clientId: this.clientId,
      });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { Location: back.toString() }).end();
  }

  /** POST token: authorization_code (with PKCE) and refresh_token grants. */
  token(form: URLSearchParams): { status: number; body: Record<string, unknown> } {
    const secret = form.get('client_secret');
    if (secret) this.secretsSeen.add(secret);
    if (
      form.get('client_id') !== this.clientId ||
      (this.clientSecret !== null && secret !== this.clientSecret)
    ) {
      return { status: 401, body: { error: 'invalid_client' } };
    }
    const grant = form.get('grant_type') ?? '';
    this.grants.push(grant);
    if (grant === 'authorization_code') {
      const verifier = form.get('code_verifier') ?? '';
      if (verifier) this.secretsSeen.add(verifier);
      const pending = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? ''); // one use, even when the exchange fails
      if (!pending || pending.redirectUri !== form.get('redirect_uri'))
        return invalidGrant('Bad authorization code.');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== pending.challenge) return invalidGrant('Invalid code verifier.');
      return {
        status: 200,
        body: { ...this.issueAccess(pending.scope), refresh_token: this.newRefresh(pending.scope) },
      };
    }
    if (grant === 'refresh_token') {
      const known = this.refresh.get(form.get('refresh_token') ?? '');
      if (!known || known.revoked) return invalidGrant('Token has been expired or revoked.');
      const scope = form.get('scope') || known.scope;
      const rotated = this.rotateRefreshTokens ? { refresh_token: this.newRefresh(scope) } : {};
      return { status: 200, body: { ...this.issueAccess(scope), ...rotated } };
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  /** the bearer of an API call: valid and unexpired, else the caller answers 401 */
  checkBearer(req: IncomingMessage): boolean {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const expiresAt = this.access.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** the scopes granted to the bearer of an API call ('' when none) */
  scopeOf(req: IncomingMessage): string[] {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    return (this.accessScopes.get(token) ?? '').split(' ').filter(Boolean);
  }

  /** the user removed the app's access in their account settings */
  revokeAll(): void {
    for (const entry of this.refresh.values()) entry.revoked = true;
  }

  /** server-side expiry: clients still think their token is good, and get a 401 */
  expireAccessTokens(): void {
    for (const token of this.access.keys()) this.access.set(token, 0);
  }

  get refreshTokens(): string[] {
    return [...this.refresh.keys()];
  }

  private newRefresh(scope: string): string {
    const token = this.mint('refresh');
    this.refresh.set(token, { scope, revoked: false });
    return token;
  }

  private issueAccess(scope: string) {
    const token = this.mint('access');
    this.access.set(token, Date.now() + this.accessTokenLifetimeSec * 1000);
    this.accessScopes.set(token, scope);
    return {
      access_token: token,
      expires_in: this.accessTokenLifetimeSec,
      scope,
      token_type: 'Bearer',
      ...this.tokenExtras(),
    };
  }

  private mint(kind: string): string {
    const value = `${this.tokenPrefix}-${kind}-${randomBytes(18).toString('base64url')}`;
    if (kind !== 'code') this.secretsSeen.add(value);
    return value;
  }
}

const invalidGrant = (description: string) => ({
  status: 400,
  body: { error: 'invalid_grant', error_description: description },
});

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** the Message-ID header of a raw message (headers end at the first blank line) */
export function messageIdOf(raw: Buffer): string | null {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? null;
}

/**
 * How the next send misbehaves: answer `status` (a 5xx, a 429…), `hang` (never answer: the client's timeout
 * ends it) or `drop` the connection, after storing the message (`store`: it was sent all the same) or not.
 */
export interface SendMisbehaviour {
  store: boolean;
  status?: number;
  hang?: boolean;
  drop?: boolean;
}

/** Answers a send per its misbehaviour; `stored` runs first when the message is to be kept. */
export function misbehave(res: ServerResponse, how: SendMisbehaviour, stored: () => void): void {
  if (how.store) stored();
  if (how.hang) return;
  if (how.drop) {
    res.socket?.destroy();
    return;
  }
  sendJson(res, how.status ?? 500, { error: { code: how.status ?? 500, message: 'Backend Error' } });
}

/** an answer a test queues for the next API call: 429 with Retry-After, 503, … */
export interface QueuedFailure {
  status: number;
  body?: unknown;
  retryAfter?: string;
  /** accept the request and never answer */
  hang?: boolean;
}
