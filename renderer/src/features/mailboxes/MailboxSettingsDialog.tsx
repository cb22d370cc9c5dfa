import { type FormEvent, type ReactNode, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { PLACE_IDS } from '../../store/address';
import { bridgeProblem } from '../../ui/bridge-problem';
import { FormProblem } from '../../ui/FormProblem';
import { Modal } from '../../ui/Modal';
import { ImapSettingsForm } from './ImapSettingsForm';

const SENDER_AUTH_LABELS = { dkimSelectors: 'DKIM selectors', spf: 'SPF include of your SMTP provider' };

/** "s1, s2" or "s1 s2" → ["s1", "s2"]; main checks each (zod) and says which one is wrong. */
const list = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * A connected mailbox's settings: what the rep knows about their provider's DKIM and SPF (so the gate can
 * check the domain without a private key), and for SMTP, IMAP added, changed or removed after connecting.
 * Opened from the card's Settings button or a reason's fix (#/mailboxes?settings=<id>).
 */
export function MailboxSettingsDialog({
  mailbox,
  onClose,
  onChanged,
}: {
  mailbox: MailboxInfo;
  onClose: () => void;
  onChanged: (next: MailboxInfo) => void;
}) {
  const notify = useApp((s) => s.notify);
  const smtp = mailbox.kind === 'smtp';
  const domain = mailbox.address.slice(mailbox.address.lastIndexOf('@') + 1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function saveSenderAuth(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await call('mailboxes.setSenderAuth', {
      id: mailbox.id,
      dkimSelectors: list(String(form.get('dkimSelectors') ?? '')),
      spf: smtp ? list(String(form.get('spf') ?? '')) : [],
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(bridgeProblem(result.error, SENDER_AUTH_LABELS).text);
      return;
    }
    setProblem('');
    onChanged(result.value);
    notify('success', 'Saved. Compose checks your domain with these from now on.');
  }

  return (
    <Modal title={`Settings for ${mailbox.address}`} onClose={onClose} className="form-dialog">
      <form id={PLACE_IDS.mailboxSettings(mailbox.id)} className="form-grid" onSubmit={saveSenderAuth}>
        <h3 className="span-2">Sender authentication</h3>
        <p className="muted span-2">
          Fairsend checks that {domain}’s DNS vouches for your mail before anything is sent. If your provider
          already signs your mail with DKIM, you need no key here: enter the selector it signs with, and
          Fairsend looks up the key at <code>selector._domainkey.{domain}</code>.
        </p>
        <TermsField
          label="DKIM selectors"
          name="dkimSelectors"
          value={mailbox.senderAuth?.dkimSelectors.join(', ') ?? ''}
          placeholder="e.g. s1 (several: s1, s2)"
        >
          Your provider’s setup page names it; or open a message you sent and read <code>s=</code> in its
          DKIM-Signature header.
          {mailbox.dkim ? ` Fairsend also signs with its own key, selector ${mailbox.dkim.selector}.` : ''}
        </TermsField>
        {smtp ? (
          <TermsField
            label="SPF include of your SMTP provider"
            name="spf"
            value={mailbox.senderAuth?.spf.join(' ') ?? ''}
            placeholder="e.g. include:_spf.mailgun.org"
          >
            Your provider’s setup page gives it (the part of the SPF record that names its servers); an
            address works too, as <code>ip4:203.0.113.5</code>.
          </TermsField>
        ) : null}
        <FormProblem text={problem} className="span-2" />
        <div>
          <button type="submit" disabled={busy}>
            Save sender authentication
          </button>
        </div>
      </form>
      {smtp ? (
        // a new key after each change: the fields start again from what is saved
        <ImapSettingsForm
          key={JSON.stringify(mailbox.smtp?.imap ?? null)}
          mailbox={mailbox}
          onChanged={onChanged}
        />
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** A field of DNS terms (selectors, SPF terms), with where the rep finds them. */
function TermsField({
  label,
  name,
  value,
  placeholder,
  children,
}: {
  label: string;
  name: string;
  value: string;
  placeholder: string;
  children: ReactNode;
}) {
  return (
    <>
      <label className="field span-2">
        <span>{label}</span>
        <input
          name={name}
          defaultValue={value}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <p className="hint span-2">{children}</p>
    </>
  );
}
