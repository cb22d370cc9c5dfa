import { generateKeyPairSync } from 'node:crypto';
import { type GoogleStandin, startGoogleStandin } from './google-standin';
import { type LoopbackDns, startLoopbackDns } from './loopback-dns';
import { type LoopbackImap, startLoopbackImap } from './loopback-imap';
import { type LoopbackSmtp, startLoopbackSmtp } from './loopback-smtp';
import { type MicrosoftStandin, startMicrosoftStandin } from './microsoft-standin';
import { selfSignedCertificate } from './self-signed';
import { ADDRESS, GOOGLE_SECRET, WORLD_LOGIN, type WorldAddress } from './world-services';

/**
 * Every server the send path talks to, on loopback, for tests and the crash bench: DNS (MX, SPF, DKIM,
 * DMARC), SMTP with STARTTLS and a login, IMAP (the Sent folder), and the Google and Microsoft stand-ins.
 * A child process reaches the same servers through `address()` and opens the real services on a data
 * folder with `openServicesAt` (world-services.ts: same sealer key, so it reads what the parent sealed).
 */
export interface SendWorld {
  /** the servers' certificate (SMTP STARTTLS, IMAP STARTTLS, the Microsoft stand-in's HTTPS) */
  tls: { key: string; cert: string };
  dns: LoopbackDns;
  smtp: LoopbackSmtp;
  imap: LoopbackImap;
  google: GoogleStandin;
  microsoft: MicrosoftStandin;
  address(): WorldAddress;
  close(): Promise<void>;
}

export async function startSendWorld(): Promise<SendWorld> {
  const tls = selfSignedCertificate();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dkimPublic = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dmarc = 'v=DMARC1; p=quarantine; adkim=r; aspf=r';
  const [dns, smtp, imap, google, microsoft] = await Promise.all([
    startLoopbackDns({
      mx: { 'example.test': [[10, 'mx.example.test']], 'acme.test': [[10, 'mx.acme.test']] },
      txt: {
        'acme.test': ['v=spf1 ip4:127.0.0.1 include:_spf.google.com -all'],
        'fs1._domainkey.acme.test': [`v=DKIM1; k=rsa; p=${dkimPublic}`],
        'google._domainkey.acme.test': [`v=DKIM1; k=rsa; p=${dkimPublic}`],
        '_dmarc.acme.test': [dmarc],
        'contoso.test': ['v=spf1 include:spf.protection.outlook.com -all'],
        'selector1._domainkey.contoso.test': [`v=DKIM1; k=rsa; p=${dkimPublic}`],
        '_dmarc.contoso.test': [dmarc],
      },
    }),
    startLoopbackSmtp({ auth: WORLD_LOGIN, tls }),
    startLoopbackImap({ user: WORLD_LOGIN.user, password: WORLD_LOGIN.pass, tls }),
    startGoogleStandin({ clientSecret: GOOGLE_SECRET, address: ADDRESS.gmail }),
    startMicrosoftStandin({ tls, address: ADDRESS.outlook }),
  ]);
  return {
    tls,
    dns,
    smtp,
    imap,
    google,
    microsoft,
    address: () => ({
      dnsServer: dns.server,
      smtpPort: smtp.port,
      imapPort: imap.port,
      cert: tls.cert,
      dkimPem,
      google: google.endpoints,
      microsoft: { loginBaseUrl: microsoft.graphBaseUrl, graphBaseUrl: microsoft.graphBaseUrl },
    }),
    async close() {
      await Promise.all([dns.close(), smtp.close(), imap.close(), google.close(), microsoft.close()]);
    },
  };
}

export {
  connectMailbox,
  keyedDraft,
  keyInSubject,
  MAILBOX_SETUPS,
  type MailboxSetup,
  openServicesAt,
  type Services,
  type WorldAddress,
} from './world-services';
