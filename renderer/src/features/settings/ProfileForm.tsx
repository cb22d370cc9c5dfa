import { type FormEvent, useEffect, useId, useState } from 'react';
import { type ComplianceProfile, complianceProfileSchema } from '../../../../shared/ipc/settings';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { PLACE_IDS } from '../../store/address';
import { bridgeProblem } from '../../ui/bridge-problem';
import { UnsubscribeNotices } from './UnsubscribeNotices';

const EMPTY: ComplianceProfile = {
  company: '',
  postalAddress: '',
  unsubscribeBaseUrl: '',
  unsubscribeMailto: '',
};

type FieldProblems = Partial<Record<keyof ComplianceProfile, string>>;

const LABELS = {
  company: 'Company',
  postalAddress: 'Postal address',
  unsubscribeBaseUrl: 'Team server address',
  unsubscribeMailto: 'Unsubscribe mailbox',
} as const satisfies Record<keyof ComplianceProfile, string>;
const isProfileKey = (key: unknown): key is keyof ComplianceProfile =>
  typeof key === 'string' && key in LABELS;

/** The same schema main checks with, so each field's problem is shown beside it before anything is sent. */
export function profileProblems(profile: ComplianceProfile): FieldProblems {
  const parsed = complianceProfileSchema.safeParse(profile);
  const problems: FieldProblems = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const key = issue.path[0];
    if (isProfileKey(key)) problems[key] ??= issue.message;
  }
  return problems;
}

/** The sender identity and postal address every footer carries. Sending is refused until this is complete. */
export function ProfileForm() {
  const notify = useApp((s) => s.notify);
  const [profile, setProfile] = useState<ComplianceProfile>(EMPTY);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [problem, setProblem] = useState('');
  const [checks, setChecks] = useState(0);
  const [fieldProblems, setFieldProblems] = useState<FieldProblems>({});
  const ids = useId();

  useEffect(() => {
    void call('settings.getProfile', {}).then((r) => {
      if (r.ok && r.value) setProfile(r.value);
      setSaved(r.ok ? r.value !== null : false);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = profileProblems(profile);
    setFieldProblems(found);
    setProblem('');
    if (Object.keys(found).length) return;
    const result = await call('settings.setProfile', profile);
    if (!result.ok) {
      const refused = bridgeProblem(result.error, LABELS);
      if (isProfileKey(refused.field))
        setFieldProblems({ [refused.field]: refused.fieldReason ?? refused.text });
      else setProblem(refused.text);
      return;
    }
    setSaved(true);
    setChecks((n) => n + 1); // main checked the team server address while saving
    notify('success', 'Sender identity saved. Every email now carries it.');
  }

  const field = (key: keyof ComplianceProfile) => ({
    value: profile[key],
    onChange: (e: { target: { value: string } }) => setProfile((p) => ({ ...p, [key]: e.target.value })),
    ...(fieldProblems[key] ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${key}-problem` } : {}),
  });
  const problemOf = (key: keyof ComplianceProfile) =>
    fieldProblems[key] ? (
      <span className="field-error" id={`${ids}-${key}-problem`}>
        {fieldProblems[key]}
      </span>
    ) : null;

  return (
    <section className="card" aria-labelledby="profile-title" id={PLACE_IDS.settingsSection('identity')}>
      <h2 id="profile-title">Sender identity</h2>
      {saved === false ? (
        <p className="warning" role="status">
          Sending is off until this is complete: the law (CAN-SPAM, CASL, GDPR) requires who you are and a
          postal address in every email.
        </p>
      ) : null}
      <form className="form-grid" noValidate onSubmit={submit}>
        <label className="field">
          <span>{LABELS.company}</span>
          <input required {...field('company')} />
          {problemOf('company')}
        </label>
        <label className="field span-2">
          <span>{LABELS.postalAddress}</span>
          <textarea required rows={2} {...field('postalAddress')} />
          {problemOf('postalAddress')}
        </label>
        <label className="field">
          <span>{LABELS.unsubscribeBaseUrl} (for one-click unsubscribe)</span>
          <input
            type="url"
            required
            placeholder="https://team.example.com"
            {...field('unsubscribeBaseUrl')}
          />
          {problemOf('unsubscribeBaseUrl')}
        </label>
        <label className="field">
          <span>{LABELS.unsubscribeMailto}</span>
          <input
            type="email"
            required
            placeholder="unsubscribe@example.com"
            {...field('unsubscribeMailto')}
          />
          {problemOf('unsubscribeMailto')}
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
