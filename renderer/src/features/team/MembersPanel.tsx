import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../../shared/ipc/result';
import type { TeamMembersView, TeamMemberView } from '../../../../shared/ipc/team-members';
import {
  mayChangeMember,
  mayGiveRole,
  TEAM_ROLES,
  type TeamMemberRole,
} from '../../../../shared/team/member-rules';
import { roleInWords } from '../../../../shared/team/stats-view';
import { call } from '../../bridge/client';
import { type BridgeProblem, bridgeProblem } from '../../ui/bridge-problem';
import { CodeDetails } from '../../ui/CodeDetails';
import { FormProblem } from '../../ui/FormProblem';
import { InviteForm } from './InviteForm';
import './members-panel.css';

type Joined = Extract<TeamMembersView, { joined: true }>;
const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'not yet';

/**
 * Members (members helper): everyone in the team sees who is in it and their role; owners and admins also invite
 * (the code shown once), revoke open invites, change roles, remove people and turn off a lost computer. What is
 * offered follows shared/team/member-rules.ts; the team server checks the same rules again.
 */
export function MembersPanel() {
  const [view, setView] = useState<TeamMembersView | null>(null);
  const [problem, setProblem] = useState<BridgeProblem | null>(null);

  const read = useCallback(async () => {
    const result = await call('team.members', {});
    if (result.ok) setView(result.value);
    else setProblem(bridgeProblem(result.error));
  }, []);
  useEffect(() => {
    void read();
  }, [read]);

  /** one change, then the list again; a refusal is shown in words */
  const act: Act = async (change) => {
    const result = await change();
    if (!result.ok) setProblem(bridgeProblem(result.error));
    else setProblem(null);
    await read();
  };

  if (view && !view.joined) return null;
  return (
    <section className="card team-members-panel" aria-labelledby="team-people-title">
      <h2 id="team-people-title">
        {view?.joined && view.canManage ? 'People and access' : 'Who is in the team'}
      </h2>
      {problem ? (
        <div>
          <FormProblem text={problem.text} />
          <CodeDetails code={problem.details} />
        </div>
      ) : null}
      {view === null && !problem ? <p aria-busy="true">Reading the team’s members…</p> : null}
      {view?.joined ? (
        <>
          {view.canManage ? (
            <>
              <h3>Invite someone</h3>
              <InviteForm you={view.you.role} onInvited={() => void read()} />
              <OpenInvites view={view} act={act} />
            </>
          ) : (
            <p className="muted">Only the team’s owner and admins can invite people or change roles.</p>
          )}
          <ul className="team-people">
            {view.members.map((m) => (
              <MemberRow key={m.id} member={m} view={view} act={act} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

type Act = (change: () => Promise<Result<unknown>>) => Promise<void>;

function OpenInvites({ view, act }: { view: Joined; act: Act }) {
  if (view.invites.length === 0) return null;
  return (
    <>
      <h3>Invites not used yet</h3>
      <ul className="team-invites">
        {view.invites.map((i) => (
          <li key={i.id} aria-label={i.email ? `Invite for ${i.email}` : 'Shared invite code'}>
            {i.email ?? 'A shared code (for whoever you gave it to)'} as {roleInWords(i.role).toLowerCase()},
            works until {when(i.expiresAt)}{' '}
            {mayChangeMember(view.you.role, i.role) ? (
              <button
                type="button"
                onClick={() => void act(() => call('team.revokeInvite', { inviteId: i.id }))}
              >
                Revoke
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function MemberRow({ member, view, act }: { member: TeamMemberView; view: Joined; act: Act }) {
  const [confirming, setConfirming] = useState(false);
  const manage = view.canManage && mayChangeMember(view.you.role, member.role);
  const roles = TEAM_ROLES.filter((r) => r === member.role || mayGiveRole(view.you.role, r));
  const named = member.name ? `${member.name} · ${member.email}` : member.email;
  const who = member.you ? `${named} (you)` : named;
  return (
    <li aria-label={`Member ${member.email}`}>
      <strong>{who}</strong>{' '}
      {manage ? (
        <label>
          Role{' '}
          <select
            value={member.role}
            onChange={(e) =>
              void act(() =>
                call('team.setRole', { memberId: member.id, role: e.target.value as TeamMemberRole }),
              )
            }
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleInWords(r)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="muted">{roleInWords(member.role)}</span>
      )}{' '}
      {manage && !confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Remove
        </button>
      ) : null}
      {confirming ? (
        <fieldset className="team-confirm">
          <legend>Remove {member.email} from the team?</legend>
          Their computers stop syncing at once; their numbers so far stay.{' '}
          <button
            type="button"
            className="danger"
            onClick={() => void act(() => call('team.removeMember', { memberId: member.id }))}
          >
            Yes, remove
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </fieldset>
      ) : null}
      {member.devices.length > 0 ? (
        <ul className="team-devices">
          {member.devices.map((d) => (
            <li key={d.id} aria-label={`Computer ${d.name}`}>
              {d.name}
              {d.thisComputer ? ' (this computer)' : ''} ·{' '}
              {d.lastSeenAt ? `last synced ${when(d.lastSeenAt)}` : 'not synced yet'}
              {d.revoked ? (
                <span> · signed out of the team</span>
              ) : manage && !d.thisComputer ? (
                <>
                  {' '}
                  <button
                    type="button"
                    onClick={() => void act(() => call('team.revokeDevice', { deviceId: d.id }))}
                  >
                    Sign this computer out
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
