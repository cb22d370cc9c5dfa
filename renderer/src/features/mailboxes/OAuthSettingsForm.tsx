import { type FormEvent, useState } from 'react';
import type { OAuthSettingsView } from '../../../../shared/ipc/oauth-settings';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { OAuthClientSteps } from './SetupSteps';

/**
 * The team's own OAuth clients (the steps to create them are shown here and in docs/mailboxes.md). Gmail and Outlook sign-in
 * stay off until these are set. The Google client secret is sent once and never shown again.
 */
export function OAuthSettingsForm({
  settings,
  onSaved,
}: {
  settings: OAuthSettingsView;
  onSaved: (next: OAuthSettingsView) => void;
}) {
  const notify = useApp((s) => s.notify);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const secret = text('googleClientSecret');
    setBusy(true);
    const result = await call('settings.setOAuth', {
      google: text('googleClientId')
        ? { clientId: text('googleClientId'), ...(secret ? { clientSecret: secret } : {}) }
        : null,
      microsoft: text('microsoftClientId')
        ? { clientId: text('microsoftClientId'), tenant: text('microsoftTenant') || 'common' }
        : null,
    });
    setBusy(false);
    if (!result.ok) return setProblem(bridgeProblem(result.error).text);
    setProblem('');
    event.currentTarget?.reset();
    onSaved(result.value);
    notify('success', 'Sign-in settings saved.');
  }

  return (
    <section className="card" aria-labelledby="oauth-title">
      <h2 id="oauth-title">Sign-in settings for Gmail and Outlook</h2>
      <p className="muted">
        Fairsend signs in with your team's own OAuth clients: a Google Cloud "Desktop app" client and a
        Microsoft Entra app registration.
        {settings.customEndpoints ? ' Provider addresses are overridden on this computer (test setup).' : ''}
      </p>
      <OAuthClientSteps />
      <form className="form-grid" onSubmit={submit}>
        <label className="field span-2">
          <span>Google OAuth client id</span>
          <input
            name="googleClientId"
            defaultValue={settings.google?.clientId ?? ''}
            placeholder="1234-abc.apps.googleusercontent.com"
          />
        </label>
        <label className="field span-2">
          <span>Google client secret (Desktop-app clients have one; it is kept sealed)</span>
          <input
            name="googleClientSecret"
            type="password"
            autoComplete="off"
            placeholder={settings.google?.hasClientSecret ? 'Stored — leave empty to keep it' : 'GOCSPX-…'}
          />
        </label>
        <label className="field">
          <span>Microsoft Application (client) ID</span>
          <input
            name="microsoftClientId"
            defaultValue={settings.microsoft?.clientId ?? ''}
            placeholder="00000000-0000-0000-0000-000000000000"
          />
        </label>
        <label className="field">
          <span>Microsoft tenant</span>
          <input
            name="microsoftTenant"
            defaultValue={settings.microsoft?.tenant ?? 'common'}
            placeholder="common, organizations or contoso.onmicrosoft.com"
          />
        </label>
        {problem ? (
          <p className="error span-2" role="alert">
            {problem}
          </p>
        ) : null}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save sign-in settings'}
          </button>
        </div>
      </form>
    </section>
  );
}
