import { describe, expect, it } from 'vitest';
import { translateSmtpError } from './smtp-errors';

describe('translateSmtpError: certificates', () => {
  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed', /is self-signed/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'wrong-host', /is for another server/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unknown-authority', /an issuer this computer does not trust/],
    ['CERT_NOT_YET_VALID', 'not-yet-valid', /not valid yet/],
  ])('nodemailer keeps %s in originalCode (code ESOCKET): %s', (originalCode, cause, words) => {
    const failure = translateSmtpError({ code: 'ESOCKET', originalCode });
    expect(failure).toMatchObject({ code: 'rejected-permanent', certificate: { causes: [cause] } });
    expect(failure.message).toMatch(words);
    expect(failure.message).not.toMatch(/Could not connect/);
  });

  it('a connection failure that is not about a certificate stays one', () => {
    expect(translateSmtpError({ code: 'ESOCKET', originalCode: 'ECONNRESET' })).toEqual({
      code: 'transient',
      message: 'Could not connect to the mail server.',
    });
  });
});
