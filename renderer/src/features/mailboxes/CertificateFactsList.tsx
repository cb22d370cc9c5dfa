import type { CertificateProblem } from '../../../../shared/ipc/certificates';

type Facts = NonNullable<CertificateProblem['certificate']>;

const date = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** What a certificate says of itself, as a certificate viewer shows it. */
export function CertificateFactsList({ certificate }: { certificate: Facts }) {
  return (
    <dl className="facts certificate-facts">
      <dt>Issued to</dt>
      <dd data-testid="certificate-subject">{certificate.subject}</dd>
      <dt>Issued by</dt>
      <dd data-testid="certificate-issuer">
        {certificate.issuer}
        {certificate.selfSigned ? ' (itself: self-signed)' : ''}
      </dd>
      <dt>For</dt>
      <dd>{certificate.hostNames.join(', ')}</dd>
      <dt>Valid</dt>
      <dd>
        {date(certificate.validFrom)} to {date(certificate.validTo)}
      </dd>
      <dt>SHA-256 fingerprint</dt>
      <dd>
        <code className="fingerprint">{certificate.fingerprint256}</code>
      </dd>
    </dl>
  );
}
