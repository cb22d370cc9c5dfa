import { z } from 'zod';
import type { BreakerState } from '../compliance/breakers';
import type { DailyCap } from '../compliance/limits';
import type { MailboxInfo } from '../mailboxes/mailbox';
import { channel } from './define';

export { MAILBOX_KINDS, type MailboxInfo, type MailboxKind } from '../mailboxes/mailbox';

/**
 * A started Gmail or Outlook sign-in. Desktop: main opened the system browser itself. Browser mode: the host
 * has no browser to open, so the page shows this URL as a link (it carries the PKCE challenge and state, not
 * the verifier, so it is no secret). Either way `mailboxes.finishOAuth` then waits for the flow to end.
 */
export interface OAuthStart {
  flowId: string;
  authorizationUrl: string;
  openedBySystem: boolean;
}

/** Today's sends against today's cap, and the circuit breaker, for the Mailboxes screen. */
export interface MailboxHealthInfo {
  id: string;
  sentToday: number;
  cap: DailyCap;
  breaker: BreakerState;
}

const displayName = z.string().trim().min(1, 'Enter the name recipients will see.').max(120);
const id = z.string().min(1).max(64);
const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/, 'Enter a host name like mail.example.com.');
const login = z.string().trim().min(1).max(320);
const password = z.string().min(1, 'Enter the password or app password.').max(1024);

const imapRequest = z
  .object({
    host: hostName,
    port: z.union([z.literal(993), z.literal(143)], { error: 'Use port 993 (TLS) or 143 (STARTTLS).' }),
    security: z.enum(['tls', 'starttls']),
    user: login.optional(),
    password: password.optional(),
  })
  .strict();

const dkimSelector = z
  .string()
  .trim()
  .toLowerCase()
  .max(63)
  .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'A DKIM selector is letters, digits, dots, dashes.');
/** An SPF term that authorises the provider's servers: its include (with or without "include:"), or ip4:/ip6:. */
const spfTerm = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(include:)?[a-z0-9_-]+(\.[a-z0-9_-]+)+$|^ip4:[0-9./]+$|^ip6:[0-9a-f:./]+$/,
    'Enter the include your provider gives, like include:_spf.mailgun.org (or ip4:203.0.113.5).',
  );

export const senderAuthRequest = z
  .object({
    id,
    dkimSelectors: z.array(dkimSelector).max(5, 'Enter at most five selectors.'),
    spf: z.array(spfTerm).max(5, 'Enter at most five SPF terms.'),
  })
  .strict();

/** IMAP after connecting: `null` removes it; an absent password keeps the one it uses now. */
export const imapSettingsRequest = z.object({ id, imap: imapRequest.nullable() }).strict();
export type ImapSettingsRequest = z.input<typeof imapSettingsRequest>;

export const smtpConnectRequest = z
  .object({
    address: z.string().trim().min(3).max(254),
    displayName,
    host: hostName,
    port: z.union([z.literal(465), z.literal(587), z.literal(25), z.literal(2525)], {
      error: 'Use port 465 (TLS) or 587, 25 or 2525 (STARTTLS).',
    }),
    security: z.enum(['tls', 'starttls']),
    user: login,
    password,
    /** the user asked to send through a relay on their own network (a private address) */
    localRelay: z.boolean().default(false),
    dkim: z
      .object({
        selector: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9._-]{1,63}$/, 'A DKIM selector is letters, digits, dots, dashes.'),
        privateKeyPem: z.string().min(100).max(10_000),
      })
      .strict()
      .optional(),
    /** reading replies, bounces and opt-outs, and the Sent folder after a crash; login and password default to SMTP's */
    imap: imapRequest.optional(),
  })
  .strict();

export type SmtpConnectRequest = z.input<typeof smtpConnectRequest>;

const oauthConnectRequest = z.object({ reconnectId: id.optional() }).strict();

export const mailboxChannels = {
  'mailboxes.list': channel(z.object({}).strict()).returns<MailboxInfo[]>(),
  /** Verifies the connection and login first; saves nothing unless that works. */
  'mailboxes.connectSmtp': channel(smtpConnectRequest).returns<MailboxInfo>(),
  'mailboxes.test': channel(z.object({ id }).strict()).returns<MailboxInfo>(),
  'mailboxes.update': channel(
    z
      .object({
        id,
        displayName: displayName.optional(),
        signature: z.string().max(5000).optional(),
        dailyCapOverride: z.number().int().min(1).max(10_000).nullable().optional(),
      })
      .strict(),
  ).returns<MailboxInfo>(),
  /** The DKIM selectors and SPF terms of the rep's provider, for the gate's sender-domain check. */
  'mailboxes.setSenderAuth': channel(senderAuthRequest).returns<MailboxInfo>(),
  /** Adds, changes or removes an SMTP mailbox's IMAP login; a new login is checked before it is saved. */
  'mailboxes.setImap': channel(imapSettingsRequest).returns<MailboxInfo>(),
  /** Removes the mailbox and wipes its secrets. */
  'mailboxes.disconnect': channel(z.object({ id }).strict()).returns<null>(),
  /** Starts the Google sign-in (loopback + PKCE); `reconnectId` signs an existing mailbox in again. */
  'mailboxes.connectGmail': channel(oauthConnectRequest).returns<OAuthStart>(),
  'mailboxes.connectOutlook': channel(oauthConnectRequest).returns<OAuthStart>(),
  /** Waits for a started sign-in to end; saves the mailbox only when every step worked. */
  'mailboxes.finishOAuth': channel(z.object({ flowId: id }).strict()).returns<MailboxInfo>(),
  'mailboxes.health': channel(z.object({}).strict()).returns<MailboxHealthInfo[]>(),
  /** The rep's own pause of one mailbox (kept by main, audited): while paused the gate holds its sends. */
  'mailboxes.setPaused': channel(z.object({ id, paused: z.boolean() }).strict()).returns<MailboxInfo>(),
  /** The rep fixed what paused the mailbox: the breaker counts afresh from now. */
  'mailboxes.resume': channel(z.object({ id }).strict()).returns<MailboxHealthInfo>(),
};
