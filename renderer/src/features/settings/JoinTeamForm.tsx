import type { TeamStatus } from '../../../../shared/ipc/team';
import { CodeDetails } from '../../ui/CodeDetails';
import { TeamCertificatePanel } from './TeamCertificatePanel';
import type { JoinTeam } from './use-team-settings';

/** Join a team: server address and invite code, and for a shared code the rep's email and name. */
export function JoinTeamForm({ status, form }: { status: TeamStatus | null; form: JoinTeam }) {
  return (
    <form className="form-grid" onSubmit={form.join} aria-label="Join a team">
      {status?.removed && status.problem ? (
        <p className="error span-2" role="alert">
          {status.problem.message}
        </p>
      ) : (
        <p className="hint span-2">
          Join your team’s server to share one suppression list: an unsubscribe reaches every rep, and your
          manager sees the team’s numbers. Your leads and emails stay on this computer.
        </p>
      )}
      <label className="field span-2">
        <span>Server address</span>
        <input
          value={form.server}
          onChange={(e) => form.setServer(e.target.value)}
          placeholder="https://team.example.com"
          autoComplete="url"
          required
        />
      </label>
      <label className="field span-2">
        <span>Invite code</span>
        <input
          value={form.code}
          onChange={(e) => form.setCode(e.target.value)}
          placeholder="From your team admin"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </label>
      <label className="field">
        <span>Your work email</span>
        <input
          type="email"
          value={form.email}
          onChange={(e) => form.setEmail(e.target.value)}
          autoComplete="email"
          placeholder="For a shared code"
        />
      </label>
      <label className="field">
        <span>Your name</span>
        <input
          value={form.name}
          onChange={(e) => form.setName(e.target.value)}
          autoComplete="name"
          placeholder="For a shared code"
        />
      </label>
      <p className="hint span-2">
        If your admin made the code for your email, you can leave these empty. A code shared with the whole
        team needs your email: it is who you are in the team.
      </p>
      {form.problem ? (
        <div className="span-2" role="alert">
          <p className="error">{form.problem.text}</p>
          <CodeDetails code={form.problem.details} />
        </div>
      ) : null}
      {form.certificate ? (
        <TeamCertificatePanel serverUrl={form.server} problem={form.certificate} onTrusted={form.trusted} />
      ) : null}
      <div>
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Joining…' : 'Join team'}
        </button>
      </div>
    </form>
  );
}
