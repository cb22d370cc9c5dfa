import { isIP, connect as netConnect, type Socket } from 'node:net';
import {
  checkServerIdentity,
  type DetailedPeerCertificate,
  type PeerCertificate,
  connect as tlsConnect,
} from 'node:tls';
import type {
  CertificateEndpoint,
  CertificateFacts,
  CertificateReading,
} from '../../../shared/mailboxes/certificate-problems';
import { type TlsTrust, tlsTrustOptions } from '../send/transports/tls-trust';

export interface ProbedCertificate extends CertificateReading {
  /** the certificate itself, for pinning */
  pem: string;
}

/** Asks a mail server for its certificate; the standard probe or a test's routed one. */
export type CertificateProbe = (endpoint: CertificateEndpoint) => Promise<ProbedCertificate>;

/**
 * Reads a mail server's certificate without trusting it: a TLS handshake that verifies but does not refuse
 * (implicit TLS, or STARTTLS after the SMTP greeting and EHLO, or the IMAP greeting), then hangs up. No login
 * and no mail is ever sent on this connection.
 */
export function probeCertificate(
  endpoint: CertificateEndpoint,
  { timeoutMs = 10_000, extraCa }: { timeoutMs?: number; extraCa?: TlsTrust['extraCa'] } = {},
): Promise<ProbedCertificate> {
  const host = endpoint.host.replace(/^\[|\]$/g, '');
  const sockets: Socket[] = [];
  const run = async (): Promise<ProbedCertificate> => {
    let plain: Socket | undefined;
    if (endpoint.security === 'starttls') {
      plain = await opened(netConnect({ host, port: endpoint.port }));
      sockets.push(plain);
      await startTls(plain, endpoint.protocol);
    }
    const secure = tlsConnect({
      ...(plain ? { socket: plain } : { host, port: endpoint.port }),
      ...(isIP(host) ? {} : { servername: host }),
      ...tlsTrustOptions({ extraCa }),
      minVersion: 'TLSv1.2',
      rejectUnauthorized: false,
    });
    sockets.push(secure);
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    const cert = secure.getPeerCertificate(true);
    if (!cert.raw) throw new Error('The server showed no certificate.');
    const authorizationError = secure.authorizationError as Error | string | null;
    return {
      verifyError: authorizationError === null ? null : String(authorizationError),
      hostMatches: checkServerIdentity(host, cert) === undefined,
      certificate: certificateFacts(cert),
      pem: pemOf(cert.raw),
    };
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The server did not answer in time.')), timeoutMs);
  });
  return Promise.race([run(), timeout]).finally(() => {
    clearTimeout(timer);
    // the TLS socket owns the plain one it wraps: destroying both crashes Node (SIGSEGV), so only the outermost
    sockets.at(-1)?.destroy();
  });
}

function opened(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The plaintext steps before the handshake: SMTP greeting, EHLO, STARTTLS; or IMAP greeting, STARTTLS. */
async function startTls(socket: Socket, protocol: CertificateEndpoint['protocol']) {
  const lines = lineReader(socket);
  if (protocol === 'smtp') {
    await smtpReply(lines, 220);
    socket.write('EHLO fairsend.invalid\r\n');
    await smtpReply(lines, 250);
    socket.write('STARTTLS\r\n');
    await smtpReply(lines, 220);
  } else {
    if (!/^\* OK/i.test(await lines.next())) throw new Error('The IMAP server did not greet.');
    socket.write('P1 STARTTLS\r\n');
    let line = await lines.next();
    while (!line.startsWith('P1 ')) line = await lines.next();
    if (!/^P1 OK/i.test(line)) throw new Error('The IMAP server did not offer STARTTLS.');
  }
  lines.stop();
}

async function smtpReply(lines: ReturnType<typeof lineReader>, expected: number) {
  for (;;) {
    const line = await lines.next();
    if (!line.startsWith(String(expected))) throw new Error('The mail server did not offer STARTTLS.');
    if (line[3] !== '-') return;
  }
}

/** Lines as the server sends them, one at a time; stopped before the handshake takes the socket over. */
function lineReader(socket: Socket) {
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end).replace(/\r$/, '');
      buffered = buffered.slice(end + 1);
      const taker = waiting.shift();
      if (taker) taker(line);
      else ready.push(line);
    }
  };
  socket.on('data', onData);
  return {
    next: () =>
      new Promise<string>((resolve, reject) => {
        const line = ready.shift();
        if (line !== undefined) return resolve(line);
        waiting.push(resolve);
        socket.once('close', () => reject(new Error('The server closed the connection.')));
      }),
    stop: () => socket.off('data', onData),
  };
}

/** The names the rep reads: common name with the organisation, as a certificate viewer shows them. */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return 'unnamed';
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
  const cn = one(name.CN);
  const org = one(name.O);
  if (cn && org) return `${cn} (${org})`;
  return cn ?? org ?? (Object.values(name).map(one).join(', ') || 'unnamed');
}

export function certificateFacts(cert: DetailedPeerCertificate): CertificateFacts {
  const altNames = (cert.subjectaltname ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  const issuer = cert.issuerCertificate;
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: cert.fingerprint256,
    hostNames: altNames.length ? altNames : [distinguishedName(cert.subject)],
    selfSigned: issuer === cert || issuer?.fingerprint256 === cert.fingerprint256,
  };
}

export function pemOf(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
