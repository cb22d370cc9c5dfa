import { type FormEvent, useEffect, useState, useSyncExternalStore } from 'react';
import type { CertificateProblem } from '../../../../shared/ipc/certificates';
import type { TeamRole, TeamStatus } from '../../../../shared/ipc/team';
import { pendingInWords } from '../../../../shared/team/pending-words';
import { call } from '../../bridge/client';
import { teamPending } from '../../db/team-pending';
import { useApp } from '../../store';
import { PLACE_IDS } from '../../store/address';
import { bridgeProblem } from '../../ui/bridge-problem';
import { CodeDetails } from '../../ui/CodeDetails';
import { whenInWords } from '../../ui/when-words';
import { ConfirmDialog } from '../leads/dialogs/ConfirmDialog';
import { PostmasterSettings } from './PostmasterSettings';
import { TeamCertificatePanel, TrustedTeamCertificate } from './TeamCertificatePanel';

const ROLE: Record<TeamRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  rep: 'Rep',
  readonly: 'Read only',
};

/** how often the section reads main's status while it is on screen */
const REFRESH_MS = 3000;

/**
 * Settings → Team: join a team server with an invite code, see whether sync is working, leave. Main holds the
 * token and the team key; this shows only what main says about them. With no team, nothing else changes.
 */
export function TeamSettings() {
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ text: string; details: string } | null>(null);
  const [certificate, setCertificate] = useState<CertificateProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);

  const refresh = () =>
    void call('team.status', {}).then((r) => {
      if (r.ok) setStatus(r.value);
    });

  useEffect(() => {
    let live = true;
    const read = () =>
      void call('team.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  async function join(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    const result = await call('team.join', {
      serverUrl: server,
      inviteCode: code,
      deviceName: `Fairsend on ${navigator.platform || 'this computer'}`,
      ...(email.trim() ? { email } : {}),
      ...(name.trim() ? { name } : {}),
    });
    setBusy(false);
    setCertificate(result.ok ? null : (result.error.certificate ?? null));
    if (!result.ok) {
      setProblem(
        bridgeProblem(result.error, {
          serverUrl: 'Server address',
          inviteCode: 'Invite code',
          email: 'Your work email',
          name: 'Your name',
        }),
      );
      return;
    }
    setProblem(null);
    setCode('');
    setStatus(result.value);
    notify('success', `You joined ${result.value.teamName}.`);
  }

  // asked in the app (a ConfirmDialog), never the browser's confirm() box; a failure shows in the dialog
  async function leave() {
    const result = await call('team.leave', {});
    if (!result.ok) throw new Error(bridgeProblem(result.error).text);
    setStatus(result.value);
    notify('success', 'You left the team.');
  }

  return (
    <section className="card" aria-labelledby="team-title" id={PLACE_IDS.settingsSection('team')}>
      <h2 id="team-title">Team</h2>
      {status?.joined ? (
        <Joined status={status} onLeave={() => setLeaving(true)} onChanged={refresh} />
      ) : (
        <form className="form-grid" onSubmit={join} aria-label="Join a team">
          {status?.removed && status.problem ? (
            <p className="error span-2" role="alert">
              {status.problem.message}
            </p>
          ) : (
            <p className="hint span-2">
              Join your team’s server to share one suppression list: an unsubscribe reaches every rep, and
              your manager sees the team’s numbers. Your leads and emails stay on this computer.
            </p>
          )}
          <label className="field span-2">
            <span>Server address</span>
            <input
              value={server}
              onChange={(e) => setServer(e.target.value)}
              placeholder="https://team.example.com"
              autoComplete="url"
              required
            />
          </label>
          <label className="field span-2">
            <span>Invite code</span>
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
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
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              placeholder="For a shared code"
            />
          </label>
          <label className="field">
            <span>Your name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              placeholder="For a shared code"
            />
          </label>
          <p className="hint span-2">
            If your admin made the code for your email, you can leave these empty. A code shared with the
            whole team needs your email: it is who you are in the team.
          </p>
          {problem ? (
            <div className="span-2" role="alert">
              <p className="error">{problem.text}</p>
              <CodeDetails code={problem.details} />
            </div>
          ) : null}
          {certificate ? (
            <TeamCertificatePanel
              serverUrl={server}
              problem={certificate}
              onTrusted={() => {
                setCertificate(null);
                void join(); // the invite was not spent: the refused connection never reached the server
              }}
            />
          ) : null}
          <div>
            <button type="submit" disabled={busy}>
              {busy ? 'Joining…' : 'Join team'}
            </button>
          </div>
        </form>
      )}
      {leaving ? (
        <ConfirmDialog
          title="Leave the team?"
          confirmLabel="Leave team"
          onConfirm={leave}
          onClose={() => setLeaving(false)}
        >
          <p>
            Your suppression list stays on this computer and keeps blocking sends, but it stops syncing:
            opt-outs from your team no longer reach you, and yours no longer reach them.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function Joined({
  status,
  onLeave,
  onChanged,
}: {
  status: TeamStatus;
  onLeave: () => void;
  onChanged: () => void;
}) {
  const now = Date.now();
  // counted by the renderer's replication itself (what RxDB has not seen the server accept), not by main
  const pending = useSyncExternalStore(teamPending.subscribe, teamPending.get);
  return (
    <>
      <dl className="facts" data-testid="team-status">
        <dt>Team</dt>
        <dd>{status.teamName}</dd>
        <dt>You</dt>
        <dd>
          {status.memberEmail} · {status.role ? ROLE[status.role] : ''}
        </dd>
        <dt>Server</dt>
        <dd>{status.server}</dd>
        <dt>Sync</dt>
        <dd data-testid="team-connection">
          {status.connected ? 'Connected' : 'Not connected — Fairsend keeps trying'}
        </dd>
        <dt>Last synced</dt>
        <dd>{status.lastPullAt ? whenInWords(status.lastPullAt, now) : 'Not yet'}</dd>
        <dt>Waiting to send</dt>
        <dd data-testid="team-pending">{pendingInWords(pending)}</dd>
      </dl>
      {status.problem ? (
        <div role="alert">
          <p className="error">{status.problem.message}</p>
          {status.problem.detail ? <CodeDetails code={status.problem.detail} /> : null}
          {status.problem.certificate && status.server ? (
            <TeamCertificatePanel
              serverUrl={status.server}
              problem={status.problem.certificate}
              onTrusted={onChanged}
            />
          ) : null}
        </div>
      ) : null}
      {status.trustedCertificate && status.server ? (
        <TrustedTeamCertificate
          serverUrl={status.server}
          trusted={status.trustedCertificate}
          onChanged={onChanged}
        />
      ) : null}
      <p className="hint">
        New emails’ unsubscribe links point at this server, and opt-outs from any rep reach this computer.
      </p>
      <div>
        <button type="button" onClick={onLeave}>
          Leave team
        </button>
      </div>
      {/* owners and admins only (it renders nothing for anyone else) */}
      <PostmasterSettings />
    </>
  );
}
