import { useEffect, useState } from 'react';
import { isMailPort, type TrustedCertificateView } from '../../../../shared/ipc/certificates';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';

const date = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * Settings → Trusted certificates: the mail servers' own certificates the rep trusted while connecting a
 * mailbox (kept by main, one per host and port), each with a way to stop trusting it.
 */
export function TrustedCertificates() {
  const notify = useApp((s) => s.notify);
  const [trusted, setTrusted] = useState<TrustedCertificateView[] | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    void call('certificates.list', {}).then((r) =>
      r.ok ? setTrusted(r.value) : setProblem(bridgeProblem(r.error).text),
    );
  }, []);

  async function remove(entry: TrustedCertificateView) {
    if (!isMailPort(entry.port)) return;
    const result = await call('certificates.remove', { host: entry.host, port: entry.port });
    if (!result.ok) return setProblem(bridgeProblem(result.error).text);
    setProblem('');
    setTrusted(result.value);
    notify('success', `${entry.host} port ${entry.port}: its certificate is no longer trusted.`);
  }

  return (
    <section className="card" aria-labelledby="certificates-title" id="settings-certificates">
      <h2 id="certificates-title">Trusted certificates</h2>
      <p className="hint">
        Certificates of mail servers on your own network that you chose to trust while connecting a mailbox.
        Fairsend accepts exactly that certificate from that server and port. After a removal, connecting there
        fails until you trust it again (Mailboxes → Connect SMTP mailbox).
      </p>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {trusted?.length === 0 ? <p className="muted">None.</p> : null}
      {trusted?.length ? (
        <ul className="trusted-certificates" aria-label="Trusted certificates">
          {trusted.map((entry) => (
            <li key={`${entry.host}:${entry.port}`} aria-label={`${entry.host} port ${entry.port}`}>
              <div>
                <strong>
                  {entry.host} port {entry.port}
                </strong>
                <span className="muted">
                  Issued to {entry.subject} by {entry.issuer} · valid until {date(entry.validTo)}
                </span>
                <code className="fingerprint">SHA-256 {entry.fingerprint256}</code>
              </div>
              <button type="button" onClick={() => remove(entry)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
