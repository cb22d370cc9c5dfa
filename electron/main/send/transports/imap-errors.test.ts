import { describe, expect, it } from 'vitest';
import { translateImapError } from './imap-errors';

describe('translateImapError', () => {
  it.each([
    [
      { authenticationFailed: true, response: 'NO [AUTHENTICATIONFAILED] ana@acme.test bad pw' },
      'auth-expired',
    ],
    [{ serverResponseCode: 'AUTHORIZATIONFAILED' }, 'auth-expired'],
    [{ tlsFailed: true }, 'rejected-permanent'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'rejected-permanent'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'rejected-permanent'],
    [{ code: 'ETHROTTLE' }, 'rate-limited'],
    [{ code: 'ENOTFOUND' }, 'transient'],
    [{ code: 'GREETING_TIMEOUT' }, 'transient'],
    [{ code: 'ECONNREFUSED' }, 'transient'],
    [{ code: 'NoConnection' }, 'transient'],
    [{ mailboxMissing: true }, 'unavailable'],
    [new Error('something odd'), 'transient'],
    [null, 'transient'],
  ])('%o → %s', (error, code) => {
    const failure = translateImapError(error);
    expect(failure.code).toBe(code);
    // the server's text (which may carry the login) never reaches the message
    expect(failure.message).not.toMatch(/ana@acme|bad pw|odd/);
  });
});

describe('certificate refusals over IMAP', () => {
  it('names the cause even when imapflow marks a STARTTLS certificate failure as a TLS failure', () => {
    const failure = translateImapError({ code: 'CERT_HAS_EXPIRED', tlsFailed: true });
    expect(failure).toMatchObject({
      code: 'rejected-permanent',
      certificate: { causes: ['expired'], canTrust: false },
    });
    expect(failure.message).toMatch(/IMAP server’s certificate expired/);
  });
});
