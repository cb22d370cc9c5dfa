import { generateKeyPairSync } from 'node:crypto';
import { type LoopbackDns, startLoopbackDns } from './loopback-dns';
import { type LoopbackSmtp, startLoopbackSmtp } from './loopback-smtp';
import { selfSignedCertificate } from './self-signed';

/**
 * One rep's sending domain on loopback, for tests of the send path through SMTP alone: acme.test's DNS (MX, an
 * SPF record for 127.0.0.1, a DKIM key under selector fs1, DMARC) and an SMTP server with STARTTLS and a login.
 * The crash bench's world (send-world.ts) adds IMAP and the Gmail and Graph stand-ins.
 */
export interface SenderWorld {
  /** the SMTP server's certificate: pass `tls.cert` as the services' `smtpCa` */
  tls: { key: string; cert: string };
  login: { user: string; pass: string };
  /** the DKIM private key whose public half DNS publishes at fs1._domainkey.acme.test */
  dkimPem: string;
  dns: LoopbackDns;
  smtp: LoopbackSmtp;
  close(): Promise<void>;
}

export async function startSenderWorld(password: string): Promise<SenderWorld> {
  const tls = selfSignedCertificate();
  const login = { user: 'ana@acme.test', pass: password };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimPublic = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dns = await startLoopbackDns({
    mx: { 'example.test': [[10, 'mx.example.test']], 'acme.test': [[10, 'mx.acme.test']] },
    txt: {
      'acme.test': ['v=spf1 ip4:127.0.0.1 -all'],
      'fs1._domainkey.acme.test': [`v=DKIM1; k=rsa; p=${dkimPublic}`],
      '_dmarc.acme.test': ['v=DMARC1; p=quarantine; adkim=r; aspf=r'],
    },
  });
  const smtp = await startLoopbackSmtp({ auth: login, tls });
  return {
    tls,
    login,
    dkimPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    dns,
    smtp,
    async close() {
      await dns.close();
      await smtp.close();
    },
  };
}
