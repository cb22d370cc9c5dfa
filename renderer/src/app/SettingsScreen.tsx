import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/app';
import { call } from '../bridge/client';
import { ProfileForm } from '../features/settings/ProfileForm';
import { useApp } from '../store';

export function SettingsScreen() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    void call('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setProblem(r.error.message)));
  }, []);

  return (
    <div className="screen settings">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
      <ProfileForm />
      <section className="card">
        <h2>Appearance</h2>
        <fieldset className="segmented">
          <legend>Theme</legend>
          {(['light', 'dark'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />
              {t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
      </section>
      <section className="card">
        <h2>About</h2>
        {problem ? <p className="error">{problem}</p> : null}
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd data-testid="app-version">{info.version}</dd>
            <dt>Running as</dt>
            <dd data-testid="app-mode">
              {info.mode === 'desktop' ? 'Desktop app' : 'Browser mode (development)'}
            </dd>
            <dt>Secret storage</dt>
            <dd>
              {info.secureStorage
                ? "This computer's keyring"
                : 'No OS keyring: mailbox secrets will not be stored (browser mode uses a dev/test vault).'}
            </dd>
          </dl>
        ) : null}
      </section>
    </div>
  );
}
