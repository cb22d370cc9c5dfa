import { type FormEvent, useRef, useState } from 'react';
import type { CertificateProblem } from '../../../../shared/ipc/certificates';
import type { ImapSettingsRequest, MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { FormProblem } from '../../ui/FormProblem';
import { CertificatePanel } from './CertificatePanel';
import { ImapFields, imapFromForm } from './ImapFields';

const IMAP_LABELS = {
  imap: 'IMAP',
  host: 'IMAP server',
  port: 'Port',
  user: 'IMAP login',
  password: 'IMAP password',
};

/** An SMTP mailbox's IMAP after connecting: added or changed (main checks the login first), or removed. */
export function ImapSettingsForm({
  mailbox,
  onChanged,
}: {
  mailbox: MailboxInfo;
  onChanged: (next: MailboxInfo) => void;
}) {
  const notify = useApp((s) => s.notify);
  const imap = mailbox.smtp?.imap;
  const [busy, setBusy] = useState('');
  const [problem, setProblem] = useState('');
  // a refused IMAP server certificate: shown, and trusted from here for a server on the rep's own network
  const [certificate, setCertificate] = useState<CertificateProblem | null>(null);
  const form = useRef<HTMLFormElement>(null);

  async function save(next: ImapSettingsRequest['imap'], label: string, done: string) {
    setBusy(label);
    const result = await call('mailboxes.setImap', { id: mailbox.id, imap: next });
    setBusy('');
    setCertificate(result.ok ? null : (result.error.certificate ?? null));
    if (!result.ok) {
      setProblem(bridgeProblem(result.error, IMAP_LABELS).text);
      return;
    }
    setProblem('');
    onChanged(result.value);
    notify('success', done);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = imapFromForm(new FormData(event.currentTarget));
    if (!next) {
      setProblem('Enter the IMAP server, or press Remove IMAP to stop reading this inbox.');
      return;
    }
    void save(next, 'save', 'IMAP login checked and saved. Replies and bounces are read from this inbox.');
  }

  return (
    <form ref={form} className="imap-settings" onSubmit={submit} aria-label="IMAP">
      <h3>IMAP</h3>
      <p className="muted" data-testid="imap-status">
        {imap
          ? `Reading replies from ${imap.host}:${imap.port} as ${imap.user}.`
          : 'No IMAP: replies, bounces and emailed opt-outs to this mailbox are not read.'}
      </p>
      <ImapFields current={imap} open />
      {imap ? <p className="hint">Leave the password empty to keep the one IMAP uses now.</p> : null}
      <FormProblem text={problem} />
      {certificate ? (
        <CertificatePanel
          problem={certificate}
          localRelay={mailbox.smtp?.localRelay ?? false}
          // trusted: save again with the same fields, now that main accepts this certificate
          onTrusted={() => form.current?.requestSubmit()}
        />
      ) : null}
      <div className="dialog-actions">
        {imap ? (
          <button
            type="button"
            className="danger"
            disabled={!!busy}
            onClick={() => void save(null, 'remove', 'IMAP removed. This inbox is no longer read.')}
          >
            {busy === 'remove' ? 'Removing…' : 'Remove IMAP'}
          </button>
        ) : null}
        <button type="submit" disabled={!!busy}>
          {busy === 'save' ? 'Checking the login…' : imap ? 'Save IMAP' : 'Add IMAP'}
        </button>
      </div>
    </form>
  );
}
