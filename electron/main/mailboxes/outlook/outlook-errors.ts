import { err, type Result } from '../../../../shared/ipc/result';
import { field, type HttpOutcome, rateLimited } from '../../oauth/http-call';

/**
 * Microsoft's failures (Graph HTTP and msal-node errors) in our catalogue, in one place. Messages never repeat
 * Microsoft's text (it can carry addresses and correlation data) and never include a request.
 */
export const MICROSOFT_SIGNED_OUT = 'Microsoft signed Fairsend out of this mailbox. Connect it again.';

export function translateGraphFailure(failure: HttpOutcome): Result<never> {
  if (failure.kind === 'timeout')
    return err('transient', 'Outlook did not answer in time. Fairsend will try again later.');
  if (failure.kind === 'network')
    return err('transient', 'Could not reach Outlook. Fairsend will try again later.');
  const { status } = failure;
  const code = field(failure.body, 'error', 'code');
  if (status === 401) return err('auth-expired', MICROSOFT_SIGNED_OUT);
  if (status === 429 || (status === 503 && failure.retryAfterMs !== null))
    return rateLimited('Microsoft', failure.retryAfterMs);
  if (status >= 500)
    return err('transient', `Outlook had a temporary problem (${status}). Fairsend will try again later.`);
  if (status === 403 && (code === 'ErrorAccessDenied' || code === 'Authorization_RequestDenied')) {
    return err(
      'auth-expired',
      'Fairsend is not allowed to send or read with this mailbox. Connect it again and allow both.',
    );
  }
  if (status === 404) return err('not-found', 'Outlook could not find that message.');
  return err('rejected-permanent', `Outlook refused the request (${status}).`);
}

/** the fields of msal-node's AuthError family we read; the message and correlation ids are not shown */
interface MsalFailure {
  name?: string;
  errorCode?: string;
  subError?: string;
}

const SIGNED_OUT_CODES = new Set([
  'invalid_grant',
  'interaction_required',
  'consent_required',
  'login_required',
  'no_tokens_found',
  'bad_token',
  'refresh_token_expired',
]);
const UNREACHABLE_CODES = new Set([
  'network_error',
  'endpoints_resolution_error',
  'openid_config_error',
  'request_timeout',
]);

export function translateMsalError(error: unknown, during: 'connect' | 'refresh'): Result<never> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MsalFailure;
  const code = e.errorCode ?? '';
  if (e.name === 'InteractionRequiredAuthError' || SIGNED_OUT_CODES.has(code)) {
    return during === 'connect'
      ? err('auth-expired', 'Microsoft did not accept this sign-in. Start again.')
      : err('auth-expired', MICROSOFT_SIGNED_OUT);
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return err(
      'rejected-permanent',
      "Microsoft does not accept Fairsend's application id. Check the Microsoft client id in settings.",
    );
  }
  if (e.name === 'ClientConfigurationError') {
    return err(
      'rejected-permanent',
      "Fairsend's Microsoft sign-in settings are not valid. Check the authority (https) and the client id.",
    );
  }
  if (UNREACHABLE_CODES.has(code)) return err('transient', 'Could not reach Microsoft sign-in. Try again.');
  if (code === 'temporarily_unavailable' || code === 'server_error') {
    return err('transient', 'Microsoft sign-in had a temporary problem. Try again later.');
  }
  return err('transient', 'Microsoft sign-in failed for an unknown reason. Try again later.');
}
