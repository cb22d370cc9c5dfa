import { type FormEvent, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/app';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';

/**
 * Linux without a keyring: say so plainly, and offer a passphrase-derived key for this session instead of
 * ever storing secrets in the clear. The first passphrase sets it; later sessions must give the same one.
 */
export function PassphrasePanel({ onUnlocked }: { onUnlocked: (info: AppInfo) => void }) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const passphrase = String(form.get('passphrase') ?? '');
    if (passphrase !== String(form.get('confirm') ?? ''))
      return setProblem('The two passphrases differ. Type the same one twice.');
    setBusy(true);
    const result = await call('vault.unlockWithPassphrase', { passphrase });
    setBusy(false);
    if (!result.ok) return setProblem(bridgeProblem(result.error).text);
    setProblem('');
    onUnlocked(result.value);
  }

  return (
    <section className="card" aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">No keyring on this computer</h2>
      <p className="warning" role="status">
        No keyring (GNOME Keyring or KWallet) is running, so this computer cannot protect mailbox passwords
        and tokens. Fairsend will not store them in the clear.
      </p>
      <p>
        Instead, choose a passphrase: Fairsend derives a key from it and seals your secrets with that key. You
        enter it once each time Fairsend starts. If you forget it, connect your mailboxes again.
      </p>
      <form className="form-grid" onSubmit={submit}>
        <label className="field">
          <span>Passphrase (12 characters or more)</span>
          <input
            name="passphrase"
            type="password"
            minLength={12}
            maxLength={1024}
            required
            autoComplete="new-password"
          />
        </label>
        <label className="field">
          <span>The same passphrase again</span>
          <input
            name="confirm"
            type="password"
            minLength={12}
            maxLength={1024}
            required
            autoComplete="new-password"
          />
        </label>
        {problem ? (
          <p className="error span-2" role="alert">
            {problem}
          </p>
        ) : null}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Deriving the key…' : 'Unlock with passphrase'}
          </button>
        </div>
      </form>
    </section>
  );
}
