import { z } from 'zod';
import { MAIL_PORTS, type TrustedCertificateView } from '../mailboxes/certificate-problems';
import { channel } from './define';

export {
  type CertificateProblem,
  isMailPort,
  type TrustedCertificateView,
} from '../mailboxes/certificate-problems';

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/);
const port = z.literal(MAIL_PORTS);
const endpoint = z
  .object({ protocol: z.enum(['smtp', 'imap']), host, port, security: z.enum(['tls', 'starttls']) })
  .strict();
const fingerprint256 = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

export const certificateChannels = {
  /** The certificates the rep trusted, one per host and port. */
  'certificates.list': channel(z.object({}).strict()).returns<TrustedCertificateView[]>(),
  /**
   * Trusts the certificate the server shows now, for that host and port only, if its fingerprint is the one
   * the rep looked at (main reads the certificate itself; the page never supplies one).
   */
  'certificates.trust': channel(z.object({ endpoint, fingerprint256 }).strict()).returns<
    TrustedCertificateView[]
  >(),
  'certificates.remove': channel(z.object({ host, port }).strict()).returns<TrustedCertificateView[]>(),
};
