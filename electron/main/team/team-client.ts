import type { TeamProblem } from '../../../shared/ipc/team';
import {
  type CertificateProblem,
  certificateCause,
  certificateMessage,
  trustable,
} from '../../../shared/mailboxes/certificate-problems';

/**
 * Calls to the team server, with every failure translated once, here, into what a rep can act on.
 * The server answers the bridge's envelope (`{ ok, value }` / `{ ok: false, error: { code, message } }`).
 */
export type TeamFailureKind =
  /** nothing answered: offline, wrong address, server down */
  | 'unreachable'
  /** 401: the device was revoked or its member removed */
  | 'removed'
  /** 426: this app is older than the server serves */
  | 'outdated'
  /** the invite code was refused (join only) */
  | 'invite'
  /** 429 */
  | 'busy'
  /** anything else the server refused or failed at */
  | 'refused'
  /** its TLS certificate was refused (the problem carries the certificate) */
  | 'certificate';

export class TeamCallError extends Error {
  constructor(
    readonly kind: TeamFailureKind,
    readonly problem: TeamProblem,
    readonly status = 0,
  ) {
    super(problem.message);
    this.name = 'TeamCallError';
  }
}

export const REMOVED_MESSAGE =
  'This computer was removed from the team. Sync has stopped; your suppression list stays on this computer. To sync again, ask your admin for a new invite.';

/**
 * How main reaches a team server: its fetch (with the certificate the rep trusted, team-tls.ts) and the words
 * for a refused certificate. Without one, Node's fetch and the cause alone.
 */
export interface TeamTransport {
  fetch(base: string, url: string, init: RequestInit): Promise<Response>;
  explain(base: string, code: string): Promise<{ message: string; problem: CertificateProblem }>;
}

const plainFetch = (_base: string, url: string, init: RequestInit) => fetch(url, init);

/** The TLS code behind a failed fetch (the socket's error is in `cause`), if it is about a certificate. */
export function certificateCodeOf(error: unknown): string | null {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && certificateCause(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return null;
}

/** A failed connection in words: a refused certificate named with its causes, else unreachable. */
export async function connectionFailure(
  base: string,
  error: unknown,
  transport?: TeamTransport,
): Promise<TeamCallError> {
  const code = certificateCodeOf(error);
  if (!code) return unreachable(new URL(base).host, error);
  const cause = certificateCause(code) ?? 'unverifiable';
  const basic: CertificateProblem = { causes: [cause], canTrust: trustable([cause]) };
  const { message, problem } = transport
    ? await transport.explain(base, code)
    : { message: certificateMessage(basic, 'team server'), problem: basic };
  return new TeamCallError('certificate', { message, detail: `TLS: ${code}`, certificate: problem });
}

export interface CallOptions {
  /** main's way to the server (its trusted certificate); Node's fetch without */
  transport?: TeamTransport | undefined;
  method?: 'GET' | 'POST';
  token?: string;
  body?: unknown;
  timeoutMs?: number;
  /** the join route answers 403 for a bad, used or expired code */
  joining?: boolean;
}

/** One call; answers the envelope's value or throws a TeamCallError. */
export async function callTeamServer<T>(base: string, path: string, options: CallOptions = {}): Promise<T> {
  const host = new URL(base).host;
  let response: Response;
  try {
    response = await (options.transport?.fetch ?? plainFetch)(base, `${base}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      redirect: 'error',
    });
  } catch (error) {
    throw await connectionFailure(base, error, options.transport);
  }
  type Envelope = { ok?: boolean; value?: unknown; error?: { code?: string; message?: string } };
  const body = (await response.json().catch(() => null)) as Envelope | null;
  if (response.ok && body?.ok === true) return body.value as T;
  throw failureOf(response.status, body?.error?.message, host, options.joining === true);
}

export function unreachable(host: string, error: unknown): TeamCallError {
  const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.name ?? '';
  return new TeamCallError('unreachable', {
    message: `Fairsend cannot reach the team server at ${host}. Check the address and this computer's connection; Fairsend keeps trying.`,
    detail: cause ? `Connection: ${cause}` : 'No answer',
  });
}

export function failureOf(
  status: number,
  serverSaid: string | undefined,
  host: string,
  joining: boolean,
): TeamCallError {
  const detail = `HTTP ${status}${serverSaid ? `: ${serverSaid}` : ''}`;
  if (status === 401) return new TeamCallError('removed', { message: REMOVED_MESSAGE, detail }, status);
  if (status === 426)
    return new TeamCallError(
      'outdated',
      {
        message:
          'This version of Fairsend is too old for your team server. Update Fairsend to keep syncing with your team.',
        detail,
      },
      status,
    );
  // the join's 409 answers are the server's sentences for the person joining (a shared code needs an email, an
  // email already in the team, a code made for another email)
  if (joining && status === 409 && serverSaid)
    return new TeamCallError('invite', { message: serverSaid, detail }, status);
  if (joining && (status === 403 || status === 400 || status === 404))
    return new TeamCallError(
      'invite',
      {
        message:
          status === 404
            ? `${host} answered, but not as a Fairsend team server. Check the address.`
            : 'This invite code does not work: it may be mistyped, already used, or expired. Ask your admin for a new one.',
        detail,
      },
      status,
    );
  if (status === 429)
    return new TeamCallError(
      'busy',
      { message: 'The team server asked Fairsend to slow down. It tries again shortly.', detail },
      status,
    );
  if (status >= 500)
    return new TeamCallError(
      'unreachable',
      { message: `The team server at ${host} has a problem right now. Fairsend keeps trying.`, detail },
      status,
    );
  return new TeamCallError(
    'refused',
    { message: serverSaid ? `The team server refused: ${serverSaid}` : 'The team server refused.', detail },
    status,
  );
}
