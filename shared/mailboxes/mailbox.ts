/**
 * A connected mailbox as the domain knows it: the kinds of mailbox, the provider families whose sending
 * limits apply, and what the renderer may know about one (never a password, token or key). The bridge
 * contract (shared/ipc/mailboxes.ts) carries these types; it does not own them.
 */

import type { CertificateProblem } from './certificate-problems';

export const MAILBOX_KINDS = ['smtp', 'gmail', 'outlook'] as const;
export type MailboxKind = (typeof MAILBOX_KINDS)[number];

/** Provider families as far as limits go: consumer and business accounts of one vendor differ. */
export type MailboxProvider = 'gmail' | 'google-workspace' | 'outlook-com' | 'microsoft-365' | 'smtp';

export interface MailboxInfo {
  id: string;
  kind: MailboxKind;
  address: string;
  displayName: string;
  signature: string;
  /** the provider family whose ceilings apply */
  provider: MailboxProvider;
  createdAt: number;
  /** the rep's own lower cap, if any (the gate applies ramp-up, team cap and provider ceiling on top) */
  dailyCapOverride: number | null;
  smtp?: {
    host: string;
    port: number;
    security: 'tls' | 'starttls';
    user: string;
    localRelay: boolean;
    /** where replies are read and the Sent folder is checked after a crash; absent when not set up */
    imap?: { host: string; port: number; security: 'tls' | 'starttls'; user: string };
  };
  /** signing in Fairsend: the selector of the sealed private key (Connect dialog) */
  dkim?: { domain: string; selector: string };
  /**
   * What the rep told us about their provider, for the gate's sender-domain check (mailbox settings): the
   * DKIM selectors the provider signs with (no key: the gate only looks up `<selector>._domainkey`), and for
   * SMTP the SPF terms that authorise its servers ("include:mailgun.org", "ip4:203.0.113.5").
   */
  senderAuth?: { dkimSelectors: string[]; spf: string[] };
  /**
   * When the rep paused this mailbox ("Pause sending" on its card); absent while it sends. While paused the
   * gate holds every send from it and the sequence engine plans none; its breaker is a separate matter.
   */
  pausedAt?: number;
  /** last connection or send problem, in words; null when healthy */
  lastError: string | null;
  /**
   * The server certificate behind `lastError`, when a refused certificate was the cause: the card shows it and,
   * for a local relay, can trust it. Absent otherwise.
   */
  lastCertificate?: CertificateProblem;
  lastCheckedAt: number | null;
}
