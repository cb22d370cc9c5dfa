import { type FormEvent, useEffect, useState } from 'react';
import type { ComplianceProfile } from '../../../../shared/ipc/settings';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { UnsubscribeNotices } from './UnsubscribeNotices';

const EMPTY: ComplianceProfile = {
  company: '',
  postalAddress: '',
  unsubscribeBaseUrl: '',
  unsubscribeMailto: '',
};

/** The sender identity and postal address every footer carries. Sending is refused until this is complete. */
export function ProfileForm() {
  const notify = useApp((s) => s.notify);
  const [profile, setProfile] = useState<ComplianceProfile>(EMPTY);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [problem, setProblem] = useState('');
  const [checks, setChecks] = useState(0);

  useEffect(() => {
    void call('settings.getProfile', {}).then((r) => {
      if (r.ok && r.value) setProfile(r.value);
      setSaved(r.ok ? r.value !== null : false);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await call('settings.setProfile', profile);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setProblem('');
    setSaved(true);
    setChecks((n) => n + 1); // main checked the team server address while saving
    notify('success', 'Sender identity saved. Every email now carries it.');
  }

  const field = (key: keyof ComplianceProfile) => ({
    value: profile[key],
    onChange: (e: { target: { value: string } }) => setProfile((p) => ({ ...p, [key]: e.target.value })),
  });

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Sender identity</h2>
      {saved === false ? (
        <p className="warning" role="status">
          Sending is off until this is complete: the law (CAN-SPAM, CASL, GDPR) requires who you are and a
          postal address in every email.
        </p>
      ) : null}
      <form className="form-grid" onSubmit={submit}>
        <label className="field">
          <span>Company</span>
          <input required {...field('company')} />
        </label>
        <label className="field span-2">
          <span>Postal address</span>
          <textarea required rows={2} {...field('postalAddress')} />
        </label>
        <label className="field">
          <span>Team server address (for one-click unsubscribe)</span>
          <input
            type="url"
            required
            placeholder="https://team.example.com"
            {...field('unsubscribeBaseUrl')}
          />
        </label>
        <label className="field">
          <span>Unsubscribe mailbox</span>
          <input
            type="email"
            required
            placeholder="unsubscribe@example.com"
            {...field('unsubscribeMailto')}
          />
        </label>
        <div className="span-2">
          <UnsubscribeNotices key={checks} />
        </div>
        {problem ? (
          <p className="error span-2" role="alert">
            {problem}
          </p>
        ) : null}
        <div>
          <button type="submit" className="primary">
            Save sender identity
          </button>
        </div>
      </form>
    </section>
  );
}
