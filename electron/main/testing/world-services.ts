import { join } from 'node:path';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { SendDraft } from '../../../shared/ipc/send';
import { createKeySealer } from '../secrets/sealer';
import type { Checkpoint } from '../send/send-points';
import { createImapReader } from '../send/transports/imap-reader';
import { createSmtpTransport } from '../send/transports/smtp-transport';
import { createMainServices } from '../services';
import { createFileStore } from '../vault/file-store';
import type { GoogleStandin } from './google-standin';
import type { MicrosoftStandin } from './microsoft-standin';
import { consentingBrowser } from './oauth-browser';

// The real services pointed at a send world's servers (send-world.ts), without the servers themselves: what
// a crash-test child process loads.

export type MailboxSetup = 'smtp-imap' | 'smtp' | 'gmail' | 'outlook';
export const MAILBOX_SETUPS: readonly MailboxSetup[] = ['smtp-imap', 'smtp', 'gmail', 'outlook'];

export const WORLD_LOGIN = { user: 'ana@acme.test', pass: 'app-password-x1' };
export const ADDRESS: Record<MailboxSetup, string> = {
  'smtp-imap': 'ana@acme.test',
  smtp: 'bo@acme.test',
  gmail: 'cy@acme.test',
  outlook: 'ana@contoso.test',
};
export const GOOGLE_SECRET = 'gsecret-world';

/** What a child process needs to reach a world's servers. */
export interface WorldAddress {
  dnsServer: string;
  smtpPort: number;
  imapPort: number;
  cert: string;
  dkimPem: string;
  google: GoogleStandin['endpoints'];
  microsoft: { loginBaseUrl: string; graphBaseUrl: string };
}

export type Services = Awaited<ReturnType<typeof createMainServices>>;

/**
 * The real main services on `dataDir`, pointed at a world's servers: the app as it runs, with a clock and
 * a checkpoint the caller chooses. Opening the same folder again is a restart.
 * (Microsoft's stand-in speaks HTTPS with the world's certificate: the process must trust it, see
 * trustCertificateForTests, or NODE_EXTRA_CA_CERTS in a child.)
 */
export function openServicesAt(
  dataDir: string,
  address: WorldAddress,
  extra: { now?: () => number; sendCheckpoint?: Checkpoint; timeoutMs?: number } = {},
): Promise<Services> {
  const { timeoutMs = 5000, ...rest } = extra;
  return createMainServices({
    dataDir,
    sealer: createKeySealer(Buffer.alloc(32, 8)),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: 'test', mode: 'desktop', platform: 'linux' }),
    openExternal: async () => {},
    openSignInPage: consentingBrowser().openBrowser,
    smtpCa: address.cert,
    smtpTransport: (o) => createSmtpTransport({ ...o, port: address.smtpPort as 587, timeoutMs }),
    imapReader: (o) => createImapReader({ ...o, port: address.imapPort as 143, timeoutMs }),
    dnsServers: [address.dnsServer],
    oauthEndpoints: { google: address.google, microsoft: address.microsoft },
    ...rest,
  });
}

/** Connects one mailbox of the given setup (and the identity and suppression list a send needs). */
export async function connectMailbox(
  services: Services,
  setup: MailboxSetup,
  world: {
    google: Pick<GoogleStandin, 'oauth'>;
    microsoft: Pick<MicrosoftStandin, 'oauth'>;
    address(): WorldAddress;
  },
): Promise<MailboxInfo> {
  services.profile.set({
    company: 'Acme Analytics GmbH',
    postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
    unsubscribeBaseUrl: 'https://team.acme.test',
    unsubscribeMailto: 'unsubscribe@acme.test',
  });
  services.suppression.apply({ add: [], remove: [], complete: true });
  if (setup === 'gmail' || setup === 'outlook') {
    await services.oauthSettings.set({
      google: { clientId: world.google.oauth.clientId, clientSecret: GOOGLE_SECRET },
      microsoft: { clientId: world.microsoft.oauth.clientId, tenant: 'organizations' },
    });
    const start = await services.mailboxes.connectOAuth(setup);
    return services.mailboxes.finishOAuth(start.flowId);
  }
  return services.mailboxes.connectSmtp({
    address: ADDRESS[setup],
    displayName: 'Ana Rep',
    host: '127.0.0.1',
    port: 587,
    security: 'starttls',
    user: WORLD_LOGIN.user,
    password: WORLD_LOGIN.pass,
    localRelay: true,
    dkim: { selector: 'fs1', privateKeyPem: world.address().dkimPem },
    ...(setup === 'smtp-imap' ? { imap: { host: '127.0.0.1', port: 143, security: 'starttls' } } : {}),
  });
}

/** A draft whose subject carries its key, so the receiving side can count deliveries per key. */
export function keyedDraft(mailboxId: string, key: string): SendDraft {
  return {
    mailboxId,
    to: 'Jane.Doe@Example.test',
    toName: 'Jane Doe',
    subject: `Onboarding analysts [${key}]`,
    html: '<p>Hi Jane,</p><p>We help data teams onboard analysts in half the time. Worth a short call next week?</p><p>Ana</p>',
    isFirstTouch: true,
    kind: 'one-off',
  };
}

/** The key in a received message's subject (`[key]`), or null. */
export function keyInSubject(subject: string | undefined): string | null {
  return /\[([^\]]+)\]\s*$/.exec(subject ?? '')?.[1] ?? null;
}
