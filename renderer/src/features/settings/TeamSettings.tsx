import { useState, useSyncExternalStore } from 'react';
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
import { JoinTeamForm } from './JoinTeamForm';
import { PostmasterSettings } from './PostmasterSettings';
import { TeamCertificatePanel, TrustedTeamCertificate } from './TeamCertificatePanel';
import { useJoinTeam, useTeamStatus } from './use-team-settings';

const ROLE: Record<TeamRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  rep: 'Rep',
  readonly: 'Read only',
};

/**
 * Settings → Team: join a team server with an invite code, see whether sync is working, leave. Main holds the
 * token and the team key; this shows only what main says about them. With no team, nothing else changes.
 */
export function TeamSettings() {
  const notify = useApp((s) => s.notify);
  const { status, setStatus, refresh } = useTeamStatus();
  const form = useJoinTeam((joined) => {
    setStatus(joined);
    notify('success', `You joined ${joined.teamName}.`);
  });
  const [leaving, setLeaving] = useState(false);

  return (
    <section className="card" aria-labelledby="team-title" id={PLACE_IDS.settingsSection('team')}>
      <h2 id="team-title">Team</h2>
      {status?.joined ? (
        <Joined status={status} onLeave={() => setLeaving(true)} onChanged={refresh} />
      ) : (
        <JoinTeamForm status={status} form={form} />
      )}
      {leaving ? <LeaveTeamDialog onLeft={setStatus} onClose={() => setLeaving(false)} /> : null}
    </section>
  );
}

/** Asked in the app, never the browser's confirm() box; a failure shows in the dialog. */
function LeaveTeamDialog({ onLeft, onClose }: { onLeft: (status: TeamStatus) => void; onClose: () => void }) {
  const notify = useApp((s) => s.notify);

  async function leave() {
    const result = await call('team.leave', {});
    if (!result.ok) throw new Error(bridgeProblem(result.error).text);
    onLeft(result.value);
    notify('success', 'You left the team.');
  }

  return (
    <ConfirmDialog title="Leave the team?" confirmLabel="Leave team" onConfirm={leave} onClose={onClose}>
      <p>
        Your suppression list stays on this computer and keeps blocking sends, but it stops syncing: opt-outs
        from your team no longer reach you, and yours no longer reach them.
      </p>
    </ConfirmDialog>
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
