import { describe, expect, it } from 'vitest';
import { causesOf, certificateCause, certificateMessage, trustable } from './certificate-problems';
import { certificateFacts as cert } from './testing/certificate-facts';

const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('certificate causes', () => {
  it.each([
    ['CERT_HAS_EXPIRED', 'expired'],
    ['CERT_NOT_YET_VALID', 'not-yet-valid'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'unknown-authority'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'wrong-host'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknown-authority'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unknown-authority'],
    ['ECONNREFUSED', null],
    [undefined, null],
  ])('%s → %s', (code, cause) => expect(certificateCause(code)).toBe(cause));

  it('names every cause that applies, dates first', () => {
    const expired = cert({ validTo: '2026-02-01T00:00:00.000Z' });
    const reading = { verifyError: 'CERT_HAS_EXPIRED', hostMatches: false, certificate: expired };
    expect(causesOf(reading, NOW)).toEqual(['expired', 'self-signed', 'wrong-host']);
    expect(trustable(causesOf(reading, NOW))).toBe(false);
  });

  it('an unknown issuer is not called self-signed', () => {
    const signed = cert({ issuer: 'Corp Root CA', selfSigned: false });
    const reading = {
      verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      hostMatches: true,
      certificate: signed,
    };
    expect(causesOf(reading, NOW)).toEqual(['unknown-authority']);
  });

  it('a verified certificate has no cause', () => {
    expect(causesOf({ verifyError: null, hostMatches: true, certificate: cert() }, NOW)).toEqual([]);
  });

  it('says it in words, with the names on the certificate', () => {
    const text = certificateMessage({
      causes: ['wrong-host', 'unknown-authority'],
      endpoint: { protocol: 'smtp', host: 'smtp.acme.test', port: 587, security: 'starttls' },
      certificate: cert({ issuer: 'Corp Root CA', selfSigned: false }),
      canTrust: true,
    });
    expect(text).toBe(
      'The mail server’s certificate is for relay.acme.test, not smtp.acme.test. The mail server’s certificate is signed by “Corp Root CA”, an issuer this computer does not trust. Fairsend did not connect.',
    );
  });
});
