import { err, type Result } from '../../../../shared/ipc/result';
import { field, type HttpOutcome, rateLimited } from '../../oauth/http-call';

/**
 * Google's failures in our catalogue, in one place. Messages say what happened and what to do; they never
 * repeat Google's text (it can echo addresses) and never include a request (it can carry tokens).
 */
export const GOOGLE_SIGNED_OUT = 'Google signed Fairsend out of this mailbox. Connect it again.';

const RATE_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'dailyLimitExceeded',
  'quotaExceeded',
]);
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

/** the `reason` strings of a Google API error body: error.errors[].reason and error.details[].reason */
function reasons(body: unknown): string[] {
  const lists = [field(body, 'error', 'errors'), field(body, 'error', 'details')];
  return lists.flatMap((list) =>
    Array.isArray(list)
      ? list.map((item) => field(item, 'reason')).filter((r): r is string => typeof r === 'string')
      : [],
  );
}

export function translateGmailFailure(failure: HttpOutcome): Result<never> {
  if (failure.kind === 'timeout')
    return err('transient', 'Gmail did not answer in time. Fairsend will try again later.');
  if (failure.kind === 'network')
    return err('transient', 'Could not reach Gmail. Fairsend will try again later.');
  const { status } = failure;
  const why = reasons(failure.body);
  if (status === 401) return err('auth-expired', GOOGLE_SIGNED_OUT);
  if (status === 429 || (status === 403 && why.some((r) => RATE_REASONS.has(r)))) {
    return rateLimited('Google', failure.retryAfterMs);
  }
  if (status === 403 && why.some((r) => SCOPE_REASONS.has(r))) {
    return err(
      'auth-expired',
      'Fairsend is not allowed to send or read with this mailbox. Connect it again and allow both.',
    );
  }
  if (status >= 500)
    return err('transient', `Gmail had a temporary problem (${status}). Fairsend will try again later.`);
  if (status === 404) return err('not-found', 'Gmail could not find that message.');
  return err('rejected-permanent', `Gmail refused the request (${status}).`);
}

/** The shape of google-auth-library's (gaxios) errors that we read. The rest (config, request data) holds secrets. */
interface GaxiosLike {
  name?: string;
  code?: string | number;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

/** Token endpoint failures: during connect (code exchange) or later (refresh). */
export function translateGoogleTokenError(error: unknown, during: 'connect' | 'refresh'): Result<never> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as GaxiosLike;
  const status = e.response?.status;
  const code = field(e.response?.data, 'error');
  if (status === undefined) {
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ETIMEDOUT';
    return err(
      'transient',
      timedOut
        ? 'Google sign-in did not answer in time. Try again.'
        : 'Could not reach Google sign-in. Try again.',
    );
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return err(
      'rejected-permanent',
      "Google does not accept Fairsend's OAuth client id. Check the Google client id in settings.",
    );
  }
  if (code === 'invalid_grant' || status === 401) {
    return during === 'connect'
      ? err('auth-expired', 'Google did not accept this sign-in. Start again.')
      : err('auth-expired', GOOGLE_SIGNED_OUT);
  }
  if (status === 429) return rateLimited('Google', null);
  if (status >= 500)
    return err('transient', `Google sign-in had a temporary problem (${status}). Try again later.`);
  return err('rejected-permanent', `Google sign-in refused the request (${status}).`);
}
