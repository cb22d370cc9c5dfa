import { describe, expect, it } from 'vitest';
import { retryAfterOf } from '../../oauth/http-call';
import { GOOGLE_SIGNED_OUT, translateGmailFailure, translateGoogleTokenError } from './gmail-errors';

const response = (status: number, body: unknown = null, retryAfterMs: number | null = null) =>
  ({ kind: 'response', status, body, text: '', retryAfterMs }) as const;
const codeOf = (r: { ok: boolean; error?: { code: string } }) => r.error?.code;

describe('Gmail API failures', () => {
  it.each([
    [response(401), 'auth-expired'],
    [response(429, null, 5000), 'rate-limited'],
    [response(403, { error: { errors: [{ reason: 'rateLimitExceeded' }] } }), 'rate-limited'],
    [response(403, { error: { errors: [{ reason: 'userRateLimitExceeded' }] } }), 'rate-limited'],
    [response(403, { error: { details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }] } }), 'auth-expired'],
    [response(403, { error: { errors: [{ reason: 'domainPolicy' }] } }), 'rejected-permanent'],
    [response(500), 'transient'],
    [response(503), 'transient'],
    [response(400), 'rejected-permanent'],
    [response(404), 'not-found'],
    [{ kind: 'timeout' } as const, 'transient'],
    [{ kind: 'network' } as const, 'transient'],
  ])('%o → %s', (failure, code) => {
    expect(codeOf(translateGmailFailure(failure))).toBe(code);
  });

  it('keeps Retry-After for the send queue', () => {
    const result = translateGmailFailure(response(429, null, 42_000));
    expect(result.ok ? null : retryAfterOf(result.error)).toBe(42_000);
    expect(result).toMatchObject({ error: { message: expect.stringContaining('42 seconds') } });
  });

  it('never repeats what Google said', () => {
    const result = translateGmailFailure(
      response(400, { error: { message: 'lead@example.test is invalid' } }),
    );
    expect(JSON.stringify(result)).not.toContain('lead@example.test');
  });
});

describe('Google token endpoint failures', () => {
  const gaxios = (status: number | undefined, data: unknown, extra: object = {}) => ({
    response: status === undefined ? undefined : { status, data },
    config: { data: 'refresh_token=1//secret-refresh' }, // what a real GaxiosError carries: never read
    message: 'invalid_grant 1//secret-refresh',
    ...extra,
  });

  it('a revoked or expired refresh token signs the mailbox out', () => {
    const result = translateGoogleTokenError(gaxios(400, { error: 'invalid_grant' }), 'refresh');
    expect(result).toEqual({ ok: false, error: { code: 'auth-expired', message: GOOGLE_SIGNED_OUT } });
    expect(JSON.stringify(result)).not.toContain('secret-refresh');
  });

  it.each([
    [gaxios(401, { error: 'invalid_client' }), 'rejected-permanent'],
    [gaxios(429, {}), 'rate-limited'],
    [gaxios(503, {}), 'transient'],
    [gaxios(undefined, undefined, { name: 'TimeoutError' }), 'transient'],
    [gaxios(undefined, undefined, { code: 'ECONNREFUSED' }), 'transient'],
    [gaxios(400, { error: 'invalid_request' }), 'rejected-permanent'],
  ])('%#: → %s', (error, code) => {
    expect(codeOf(translateGoogleTokenError(error, 'refresh'))).toBe(code);
  });
});
