import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
