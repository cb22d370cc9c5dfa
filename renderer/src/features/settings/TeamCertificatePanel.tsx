import { useState } from 'react';
import type { CertificateProblem } from '../../../../shared/ipc/certificates';
import type { TrustedCertificateView } from '../../../../shared/mailboxes/certificate-problems';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';
import { RefusedCertificate } from '../mailboxes/RefusedCertificate';

/**
 * The team server's certificate main refused (a private authority, a self-signed certificate): what it says of
 * itself, and a way to trust exactly this certificate for this address. Main reads the certificate again and
 * pins it only if it is still the one shown here; the page never holds the certificate itself.
 */
export function TeamCertificatePanel({
  serverUrl,
  problem,
  onTrusted,
}: {
  serverUrl: string;
  problem: CertificateProblem;
  onTrusted: () => void;
}) {
  const { endpoint, certificate } = problem;
  if (!endpoint || !certificate) return null;

  return (
    <RefusedCertificate
      label="The team server’s certificate"
      wide
      host={endpoint.host}
      certificate={certificate}
      warning={
        problem.canTrust ? (
          <>
            Trust it only if your team runs this server with its own certificate and you know this is it (ask
            whoever set it up to read you the fingerprint): anyone who can intercept the connection can show a
            certificate like this one. From then on Fairsend accepts exactly this certificate from{' '}
            {endpoint.host}, and refuses any other there.
          </>
        ) : undefined
      }
      trust={() => call('team.trustCertificate', { serverUrl, fingerprint256: certificate.fingerprint256 })}
      onTrusted={onTrusted}
    >
      {problem.canTrust ? null : (
        <p className="hint">
          Fairsend does not trust a certificate outside its dates: whoever runs the team server must renew it
          (or, for “not valid yet”, check this computer’s date and time).
        </p>
      )}
    </RefusedCertificate>
  );
}

/** The team server's certificate the rep trusted, with a way to stop trusting it. */
export function TrustedTeamCertificate({
  serverUrl,
  trusted,
  onChanged,
}: {
  serverUrl: string;
  trusted: TrustedCertificateView;
  onChanged: () => void;
}) {
  const [failed, setFailed] = useState('');
  async function forget() {
    const result = await call('team.forgetCertificate', { serverUrl });
    if (result.ok) onChanged();
    else setFailed(bridgeProblem(result.error).text);
  }
  return (
    <div className="hint" data-testid="team-trusted-certificate">
      <p>
        You trusted this server’s own certificate ({trusted.subject}, issued by {trusted.issuer}). SHA-256
        fingerprint: <code className="fingerprint">{trusted.fingerprint256}</code>{' '}
        <button type="button" onClick={() => void forget()}>
          Stop trusting it
        </button>
      </p>
      {failed ? (
        <p className="error" role="alert">
          {failed}
        </p>
      ) : null}
    </div>
  );
}
