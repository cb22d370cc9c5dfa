import { type CertificateProblem, isMailPort } from '../../../../shared/ipc/certificates';
import { call } from '../../bridge/client';
import { RefusedCertificate } from './RefusedCertificate';

/**
 * A server certificate main refused, shown to the rep: what it says of itself, and (for a server on the rep's
 * own network) a way to trust exactly this certificate for this host and port. Main reads the certificate
 * again and pins it only if it is still the one shown here.
 */
export function CertificatePanel({
  problem,
  localRelay,
  onTrusted,
  connected = false,
}: {
  problem: CertificateProblem;
  /** the rep said the server is on their own network ("Local relay") */
  localRelay: boolean;
  onTrusted: () => void;
  /** shown on a connected mailbox's card: "Local relay" is chosen when connecting, so the way there differs */
  connected?: boolean;
}) {
  const { endpoint, certificate } = problem;
  if (!endpoint || !certificate) return null;
  const where = `${endpoint.host} port ${endpoint.port}`;
  const offered = problem.canTrust && localRelay;

  function trust() {
    if (!endpoint || !certificate || !isMailPort(endpoint.port)) return null;
    const { protocol } = endpoint;
    if (protocol === 'https') return null; // the team server's certificate is trusted from Settings → Team
    return call('certificates.trust', {
      endpoint: { ...endpoint, protocol, port: endpoint.port },
      fingerprint256: certificate.fingerprint256,
    });
  }

  return (
    <RefusedCertificate
      label="The server’s certificate"
      host={endpoint.host}
      certificate={certificate}
      warning={
        offered ? (
          <>
            Trust it only if this is your own relay and you know this certificate is its own: anyone who can
            intercept the connection can show a certificate like this one. From then on Fairsend accepts
            exactly this certificate from {where}, and refuses any other there.
          </>
        ) : undefined
      }
      trust={trust}
      onTrusted={onTrusted}
    >
      {!problem.canTrust ? (
        <p className="hint">
          Fairsend does not trust a certificate outside its dates, not even your own relay’s: whoever runs the
          server must renew it (or, for “not valid yet”, check this computer’s date and time).
        </p>
      ) : offered ? (
        <p className="hint">Settings lists the certificates you trusted, and can remove each.</p>
      ) : (
        <p className="hint">
          Fairsend offers to trust a certificate only for a server on your own network: a public mail server
          showing this may mean someone is intercepting the connection. If {endpoint.host} is your own relay,
          {connected
            ? ' disconnect this mailbox and connect it again with “Local relay” ticked.'
            : ' tick “Local relay” and connect again.'}
        </p>
      )}
    </RefusedCertificate>
  );
}
