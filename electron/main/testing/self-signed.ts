import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';

/**
 * A throwaway certificate for 127.0.0.1 and localhost, made with the machine's openssl, for loopback servers
 * that must speak TLS: the Microsoft stand-in (msal-node refuses an http:// authority), SMTP with STARTTLS.
 */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fairsend-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Trust one more CA for this process, as NODE_EXTRA_CA_CERTS would at start-up; returns the undo.
 * Node's fetch (which msal-node uses) reads the default CA list per connection, so no client code changes.
 */
export function trustCertificateForTests(certPem: string): () => void {
  const before = getCACertificates('default');
  setDefaultCACertificates([...before, certPem]);
  return () => setDefaultCACertificates(before);
}

export interface CertificateSpec {
  commonName: string;
  organisation?: string;
  /** subject alternative names: host names or IP addresses (default: the common name) */
  hosts?: string[];
  /** default: an hour ago until a day from now */
  notBefore?: Date;
  notAfter?: Date;
  /** signed by this authority (from `certificateAuthority`); self-signed without */
  issuer?: { key: string; cert: string };
}

const opensslTime = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/**
 * A certificate made to order with the machine's openssl (`openssl ca` sets any dates, past ones too): expired,
 * for another host, or signed by an authority nobody trusts, for tests of certificate refusals and trust.
 */
export function testCertificate(spec: CertificateSpec): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fairsend-cert-'));
  const at = (name: string) => join(dir, name);
  const hosts = spec.hosts ?? [spec.commonName];
  const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  try {
    writeFileSync(at('index.txt'), '');
    writeFileSync(at('serial'), `${randomBytes(8).toString('hex')}\n`);
    writeFileSync(
      at('ca.cnf'),
      [
        '[ca]',
        'default_ca = d',
        '[d]',
        `database = ${at('index.txt')}`,
        `new_certs_dir = ${dir}`,
        `serial = ${at('serial')}`,
        'default_md = sha256',
        'policy = p',
        'unique_subject = no',
        '[p]',
        'commonName = supplied',
        'organizationName = optional',
        '[ext]',
        `subjectAltName = ${san}`,
        'basicConstraints = CA:FALSE',
      ].join('\n'),
    );
    const subject = `/CN=${spec.commonName}${spec.organisation ? `/O=${spec.organisation}` : ''}`;
    openssl([
      'req',
      '-new',
      ...EC_KEY,
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      at('key.pem'),
      '-out',
      at('csr.pem'),
    ]);
    let signer = ['-selfsign', '-keyfile', at('key.pem')];
    if (spec.issuer) {
      writeFileSync(at('issuer.pem'), spec.issuer.cert);
      writeFileSync(at('issuer.key'), spec.issuer.key);
      signer = ['-cert', at('issuer.pem'), '-keyfile', at('issuer.key')];
    }
    const notBefore = spec.notBefore ?? new Date(Date.now() - 3_600_000);
    const notAfter = spec.notAfter ?? new Date(Date.now() + 86_400_000);
    openssl([
      'ca',
      '-batch',
      '-config',
      at('ca.cnf'),
      ...signer,
      '-in',
      at('csr.pem'),
      '-out',
      at('cert.pem'),
      '-startdate',
      opensslTime(notBefore),
      '-enddate',
      opensslTime(notAfter),
      '-extensions',
      'ext',
      '-notext',
    ]);
    return { key: readFileSync(at('key.pem'), 'utf8'), cert: readFileSync(at('cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An authority of its own (as a company's internal CA), for certificates "signed by an unknown issuer". */
export function certificateAuthority(commonName: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fairsend-ca-'));
  try {
    openssl([
      'req',
      '-x509',
      ...EC_KEY,
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
