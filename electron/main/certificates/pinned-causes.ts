import {
  type CertificateCause,
  type CertificateReading,
  causesOf,
} from '../../../shared/mailboxes/certificate-problems';

/**
 * The causes to name for the certificate a server shows now, given the rep's pin for that host and port.
 * Without a pin, every cause found. With one, only the pin and the dates matter: the name and issuer were
 * accepted when it was trusted, so a pinned self-signed certificate within its dates names nothing.
 */
export function causesAgainstPin(
  reading: CertificateReading,
  pinned: { fingerprint256: string } | undefined,
  now: number,
): CertificateCause[] {
  const found = causesOf(reading, now);
  if (!pinned) return found;
  const dates = found.filter((c) => c === 'expired' || c === 'not-yet-valid');
  return pinned.fingerprint256 !== reading.certificate.fingerprint256 ? ['changed', ...dates] : dates;
}
