/**
 * Why a mail server's TLS certificate was not accepted, in a rep's words. The one place that knows Node's
 * (OpenSSL's) verification codes: the SMTP and IMAP adapters, the certificate probe and the renderer all read
 * causes from here.
 */
export const CERTIFICATE_CAUSES = [
  'expired',
  'not-yet-valid',
  'self-signed',
  'wrong-host',
  'unknown-authority',
  /** the host has a trusted (pinned) certificate and showed another */
  'changed',
  'unverifiable',
] as const;

export type CertificateCause = (typeof CERTIFICATE_CAUSES)[number];

/** The code a pinned connection fails with when the server shows a certificate other than the pinned one. */
export const PIN_MISMATCH_CODE = 'ERR_CERT_NOT_THE_PINNED_ONE';

const NODE_TLS_CODES: Record<string, CertificateCause> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong-host',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknown-authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-authority',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-authority',
  CERT_UNTRUSTED: 'unknown-authority',
  CERT_CHAIN_TOO_LONG: 'unverifiable',
  CERT_REVOKED: 'unverifiable',
  CERT_REJECTED: 'unverifiable',
  CERT_SIGNATURE_FAILURE: 'unverifiable',
  INVALID_CA: 'unverifiable',
  INVALID_PURPOSE: 'unverifiable',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'unverifiable',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'unverifiable',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'unverifiable',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'unverifiable',
  [PIN_MISMATCH_CODE]: 'changed',
};

/** The cause behind a TLS verification code, or null when the code is not about the certificate. */
export function certificateCause(code: string | null | undefined): CertificateCause | null {
  return (code && NODE_TLS_CODES[code]) || null;
}

/** A certificate as the rep sees it: names and dates, never the key. Dates are ISO strings. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the DER, as colon-separated hex (what Node's `fingerprint256` gives) */
  fingerprint256: string;
  /** the host names and addresses it is for (subject alternative names, or the common name) */
  hostNames: string[];
  selfSigned: boolean;
}

/** The ports Fairsend connects to for mail: SMTP 465/587/25/2525, IMAP 993/143. */
export const MAIL_PORTS = [465, 587, 25, 2525, 993, 143] as const;
export type MailPort = (typeof MAIL_PORTS)[number];
export const isMailPort = (port: number): port is MailPort =>
  (MAIL_PORTS as readonly number[]).includes(port);

export interface CertificateEndpoint {
  /** https: the team server (main's own fetch, pinned per host and port like the mail servers) */
  protocol: 'smtp' | 'imap' | 'https';
  host: string;
  port: number;
  security: 'tls' | 'starttls';
}

/** What was wrong with a server's certificate, with the certificate when the server could be asked for it. */
export interface CertificateProblem {
  causes: CertificateCause[];
  endpoint?: CertificateEndpoint;
  certificate?: CertificateFacts;
  /** false for an expired or not yet valid certificate: pinning does not excuse the dates */
  canTrust: boolean;
}

/** Dates and validity decide alone: an out-of-date certificate is never offered for trust. */
export const trustable = (causes: readonly CertificateCause[]) =>
  !causes.includes('expired') && !causes.includes('not-yet-valid');

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** One sentence per cause; the certificate and host sharpen it when they are known. */
export function certificateSentence(
  cause: CertificateCause,
  context: { server?: string; host?: string; certificate?: CertificateFacts } = {},
): string {
  const server = context.server ?? 'mail server';
  const cert = context.certificate;
  switch (cause) {
    case 'expired':
      return `The ${server}’s certificate expired${cert ? ` on ${day(cert.validTo)}` : ''}. Whoever runs the server must renew it.`;
    case 'not-yet-valid':
      return `The ${server}’s certificate is not valid yet${cert ? ` (from ${day(cert.validFrom)})` : ''}. Check this computer’s date and time.`;
    case 'self-signed':
      return `The ${server}’s certificate is self-signed: no authority vouches for it.`;
    case 'wrong-host': {
      const names = cert?.hostNames.length ? cert.hostNames.join(', ') : 'another server';
      return `The ${server}’s certificate is for ${names}, not ${context.host ?? 'the name you entered'}.`;
    }
    case 'unknown-authority':
      return `The ${server}’s certificate is signed by ${cert ? `“${cert.issuer}”, ` : ''}an issuer this computer does not trust.`;
    case 'changed':
      return `The ${server}’s certificate is not the one you trusted${context.host ? ` for ${context.host}` : ''}. If you did not change it, someone may be intercepting the connection.`;
    case 'unverifiable':
      return `The ${server}’s certificate could not be verified.`;
  }
}

/** The whole problem in words: every cause, then what the rep can do. */
export function certificateMessage(problem: CertificateProblem, server = 'mail server'): string {
  const host = problem.endpoint?.host;
  const context = {
    server,
    ...(host ? { host } : {}),
    ...(problem.certificate ? { certificate: problem.certificate } : {}),
  };
  const causes = problem.causes.length ? problem.causes : (['unverifiable'] as const);
  const sentences = causes.map((cause) => certificateSentence(cause, context));
  return `${sentences.join(' ')} Fairsend did not connect.`;
}

/** What a verification with the system's authorities found, and what the certificate says of itself. */
export interface CertificateReading {
  /** Node's `authorizationError` (a verification code), or null when it verified */
  verifyError: string | null;
  /** whether the certificate names the host the rep entered */
  hostMatches: boolean;
  certificate: CertificateFacts;
}

/** Every cause that applies, most telling first: dates, who signed it, the name it is for. */
export function causesOf(reading: CertificateReading, now: number): CertificateCause[] {
  const { certificate: cert } = reading;
  const causes = new Set<CertificateCause>();
  if (now > Date.parse(cert.validTo)) causes.add('expired');
  if (now < Date.parse(cert.validFrom)) causes.add('not-yet-valid');
  const reported = certificateCause(reading.verifyError);
  if (cert.selfSigned && reading.verifyError !== null) causes.add('self-signed');
  else if (reported === 'unknown-authority' || reported === 'self-signed')
    causes.add(cert.selfSigned ? 'self-signed' : 'unknown-authority');
  if (!reading.hostMatches) causes.add('wrong-host');
  if (reported && !causes.has(reported) && reported !== 'self-signed' && reported !== 'unknown-authority')
    causes.add(reported);
  return [...causes];
}

/** A trusted certificate as Settings lists it (main keeps the PEM; the page never needs it). */
export interface TrustedCertificateView {
  host: string;
  port: number;
  subject: string;
  issuer: string;
  validTo: string;
  fingerprint256: string;
  trustedAt: number;
}
