import { type ReactNode, useState } from 'react';
import type { CertificateProblem } from '../../../../shared/ipc/certificates';
import type { Result } from '../../../../shared/ipc/result';
import { bridgeProblem } from '../../ui/bridge-problem';
import { CertificateFactsList } from './CertificateFactsList';

/**
 * A certificate main refused, as both certificate panels show it: what it says of itself, then (when the panel
 * offers it) a warning and a button that trusts exactly this certificate, then the panel's own hints. Each
 * panel says which call trusts it; main reads the certificate again and pins it only if it is still this one.
 */
export function RefusedCertificate({
  label,
  wide = false,
  host,
  certificate,
  warning,
  trust,
  onTrusted,
  children,
}: {
  /** the section's name for assistive technology */
  label: string;
  /** spans both columns of the settings grid */
  wide?: boolean;
  host: string;
  certificate: NonNullable<CertificateProblem['certificate']>;
  /** the warning over the trust button; without one there is no button */
  warning?: ReactNode;
  /** asks main to trust it; null when there is nothing this panel can trust (the click does nothing) */
  trust: () => Promise<Result<unknown>> | null;
  onTrusted: () => void;
  /** the panel's hints, after the button */
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');

  async function run() {
    const request = trust();
    if (!request) return;
    setBusy(true);
    setFailed('');
    const result = await request;
    setBusy(false);
    if (result.ok) onTrusted();
    else setFailed(bridgeProblem(result.error).text);
  }

  return (
    <section className={wide ? 'certificate-panel span-2' : 'certificate-panel'} aria-label={label}>
      <h3>The certificate {host} showed</h3>
      <CertificateFactsList certificate={certificate} />
      {warning ? (
        <>
          <p className="warning" role="note">
            {warning}
          </p>
          <button type="button" className="danger" disabled={busy} onClick={() => void run()}>
            {busy ? 'Checking the certificate…' : `Trust this certificate for ${host}`}
          </button>
          {failed ? (
            <p className="error" role="alert">
              {failed}
            </p>
          ) : null}
        </>
      ) : null}
      {children}
    </section>
  );
}
