import { describe, expect, it } from 'vitest';
import type { CertificateFacts, CertificateReading } from '../../../shared/mailboxes/certificate-problems';
import { certificateFacts } from '../../../shared/mailboxes/testing/certificate-facts';
import { causesAgainstPin } from './pinned-causes';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const reading = (over: Partial<CertificateFacts> = {}): CertificateReading => ({
  verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  hostMatches: false,
  certificate: certificateFacts(over),
});
const expired = { validTo: '2026-02-01T00:00:00.000Z' };
const notYetValid = { validFrom: '2026-09-01T00:00:00.000Z' };

describe('causes against a pin', () => {
  it('without a pin, names every cause found', () => {
    expect(causesAgainstPin(reading(expired), undefined, NOW)).toEqual([
      'expired',
      'self-signed',
      'wrong-host',
    ]);
  });

  it('with the pinned certificate within its dates, names nothing', () => {
    expect(causesAgainstPin(reading(), { fingerprint256: 'AA' }, NOW)).toEqual([]);
  });

  it('with the pinned certificate outside its dates, names only the dates', () => {
    expect(causesAgainstPin(reading(expired), { fingerprint256: 'AA' }, NOW)).toEqual(['expired']);
    expect(causesAgainstPin(reading(notYetValid), { fingerprint256: 'AA' }, NOW)).toEqual(['not-yet-valid']);
  });

  it('with another certificate than the pinned one, names the change first, then its dates', () => {
    expect(causesAgainstPin(reading(), { fingerprint256: 'BB' }, NOW)).toEqual(['changed']);
    expect(causesAgainstPin(reading(expired), { fingerprint256: 'BB' }, NOW)).toEqual(['changed', 'expired']);
  });
});
