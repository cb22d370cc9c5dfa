import { type ConnectionOptions, getCACertificates } from 'node:tls';
import type { AppErrorShape } from '../../../../shared/ipc/result';
import {
  type CertificateProblem,
  certificateCause,
  certificateMessage,
  PIN_MISMATCH_CODE,
  trustable,
} from '../../../../shared/mailboxes/certificate-problems';

/** A certificate the rep trusted for one host and port: exactly this one is accepted there. */
export interface PinnedCertificate {
  fingerprint256: string;
  pem: string;
}

/** What a connection to one server trusts beyond the system's authorities. */
export interface TlsTrust {
  /** one more authority for every server (FAIRSEND_SMTP_CA: a local relay's own; tests) */
  extraCa?: string | Buffer | undefined;
  /** the rep trusted this server's own certificate: nothing else is accepted from it */
  pinned?: PinnedCertificate | undefined;
}

/**
 * TLS options for SMTP and IMAP. A pin makes its certificate the only anchor (a partial chain, so a leaf from
 * an unknown issuer anchors itself) and replaces the host-name check with a fingerprint comparison; the dates
 * are still checked by OpenSSL, so an expired pinned certificate fails as expired.
 */
export function tlsTrustOptions(trust: TlsTrust): ConnectionOptions {
  const { pinned, extraCa } = trust;
  if (pinned) {
    return {
      ca: [pinned.pem],
      allowPartialTrustChain: true,
      checkServerIdentity: (_host, cert) =>
        cert.fingerprint256 === pinned.fingerprint256
          ? undefined
          : Object.assign(new Error('The server showed a certificate other than the trusted one.'), {
              code: PIN_MISMATCH_CODE,
            }),
    };
  }
  // `ca` replaces Node's list, so the extra authority joins the default ones instead of standing alone
  return extraCa ? { ca: [...getCACertificates('default'), String(extraCa)] } : {};
}

/** A TLS verification code as our refusal, or null when the code is not about a certificate. */
export function certificateRefusal(
  code: string | undefined,
  server: string,
): (AppErrorShape & { code: 'rejected-permanent' }) | null {
  const cause = certificateCause(code);
  if (!cause) return null;
  const certificate: CertificateProblem = { causes: [cause], canTrust: trustable([cause]) };
  return { code: 'rejected-permanent', message: certificateMessage(certificate, server), certificate };
}
