import type { CertificateFacts } from '../certificate-problems';

/** A self-signed certificate for relay.acme.test, valid through 2026, with the given fields changed. */
export const certificateFacts = (over: Partial<CertificateFacts> = {}): CertificateFacts => ({
  subject: 'relay.acme.test',
  issuer: 'relay.acme.test',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  fingerprint256: 'AA',
  hostNames: ['relay.acme.test'],
  selfSigned: true,
  ...over,
});
