import { describe, expect, it } from 'vitest';
import { retryAfterOf } from '../../oauth/http-call';
import { MICROSOFT_SIGNED_OUT, translateGraphFailure, translateMsalError } from './outlook-errors';

const response = (status: number, body: unknown = null, retryAfterMs: number | null = null) =>
  ({ kind: 'response', status, body, text: '', retryAfterMs }) as const;
const codeOf = (r: { ok: boolean; error?: { code: string } }) => r.error?.code;

describe('Graph failures', () => {
  it.each([
    [response(401), 'auth-expired'],
    [response(429, null, 3000), 'rate-limited'],
    [response(503, null, 3000), 'rate-limited'],
    [response(503), 'transient'],
    [response(500), 'transient'],
    [response(403, { error: { code: 'ErrorAccessDenied' } }), 'auth-expired'],
    [response(403, { error: { code: 'ErrorSendAsDenied' } }), 'rejected-permanent'],
    [response(400, { error: { code: 'ErrorMimeContentInvalid' } }), 'rejected-permanent'],
    [response(404), 'not-found'],
    [{ kind: 'timeout' } as const, 'transient'],
    [{ kind: 'network' } as const, 'transient'],
  ])('%o → %s', (failure, code) => {
    expect(codeOf(translateGraphFailure(failure))).toBe(code);
  });

  it('keeps Retry-After for the send queue', () => {
    const result = translateGraphFailure(response(429, null, 7000));
    expect(result.ok ? null : retryAfterOf(result.error)).toBe(7000);
  });
});

describe('msal-node failures', () => {
  it.each([
    [{ name: 'InteractionRequiredAuthError', errorCode: 'invalid_grant' }, 'auth-expired'],
    [{ name: 'InteractionRequiredAuthError', errorCode: 'interaction_required' }, 'auth-expired'],
    [{ name: 'ServerError', errorCode: 'invalid_client' }, 'rejected-permanent'],
    [{ name: 'ClientConfigurationError', errorCode: 'authority_uri_insecure' }, 'rejected-permanent'],
    [{ name: 'ClientAuthError', errorCode: 'network_error' }, 'transient'],
    [{ name: 'ServerError', errorCode: 'temporarily_unavailable' }, 'transient'],
  ])('%o → %s', (error, code) => {
    expect(codeOf(translateMsalError(error, 'refresh'))).toBe(code);
  });

  it('says sign in again, without msal’s text', () => {
    const error = {
      name: 'InteractionRequiredAuthError',
      errorCode: 'invalid_grant',
      errorMessage: 'AADSTS70008 ana@contoso.test',
    };
    const result = translateMsalError(error, 'refresh');
    expect(result).toEqual({ ok: false, error: { code: 'auth-expired', message: MICROSOFT_SIGNED_OUT } });
  });
});
