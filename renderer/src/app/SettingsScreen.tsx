import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/app';
import { call } from '../bridge/client';
import { AdvancedSettings } from '../features/settings/AdvancedSettings';
import { ProfileForm } from '../features/settings/ProfileForm';
import { TeamSettings } from '../features/settings/TeamSettings';
import { TrustedCertificates } from '../features/settings/TrustedCertificates';
import { useApp } from '../store';
import { PLACE_IDS, PLACE_PARAMS, SETTINGS_SECTIONS, type SettingsSection } from '../store/address';
import { useAddressParams } from '../store/use-address';

const SECRET_STORAGE: Record<AppInfo['secretStorage'], string> = {
  'os-keyring': "Sealed by this computer's keyring.",
  'dev-file-key':
    'Sealed by the dev/test vault (a key file next to the app data). Fine for trying Fairsend; use the desktop app for real mailboxes.',
  passphrase:
    'Sealed with a key derived from your passphrase (no keyring on this computer); asked once per session.',
  none: 'No keyring is available, so Fairsend refuses to store mailbox passwords or tokens.',
};

export function SettingsScreen() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [problem, setProblem] = useState('');
  const section = useAddressParams().get(PLACE_PARAMS.section);

  // #/settings?section=advanced (a reason's fix): that section, scrolled to, its first field focused
  useEffect(() => {
    if (!(SETTINGS_SECTIONS as readonly (string | null)[]).includes(section)) return;
    const card = document.getElementById(PLACE_IDS.settingsSection(section as SettingsSection));
    card?.scrollIntoView({ block: 'start' });
    card?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, [section]);

  useEffect(() => {
    void call('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setProblem(r.error.message)));
  }, []);

  return (
    <div className="screen settings">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
      <ProfileForm />
      <TeamSettings />
      <AdvancedSettings />
      <TrustedCertificates />
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
            <dd>{SECRET_STORAGE[info.secretStorage]}</dd>
          </dl>
        ) : null}
      </section>
    </div>
  );
}
