import { useState } from 'react';
import { INVITE_TTL_CHOICES, type NewInvite } from '../../../../shared/ipc/team-members';
import { invitableBy, type TeamMemberRole } from '../../../../shared/team/member-rules';
import { roleInWords } from '../../../../shared/team/stats-view';
import { call } from '../../bridge/client';
import { type BridgeProblem, bridgeProblem } from '../../ui/bridge-problem';
import { CodeDetails } from '../../ui/CodeDetails';
import { FormProblem } from '../../ui/FormProblem';

const ROLE_HINTS: Record<string, string> = {
  admin: 'invites people, changes roles, sees every rep’s numbers',
  manager: 'sends, and sees every rep’s numbers',
  rep: 'sends, and sees their own numbers',
  readonly: 'looks at the team’s numbers, changes nothing',
};
const ttlWords = (hours: number) => (hours < 48 ? `${hours} hours` : `${hours / 24} days`);
const expiryWords = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Invite someone: their email (or none, for a shared code whose holder gives their email when joining), a role
 * this caller may give, how long the code works; the code is shown once.
 */
export function InviteForm({ you, onInvited }: { you: TeamMemberRole; onInvited: () => void }) {
  const roles = invitableBy(you);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamMemberRole>(roles.includes('rep') ? 'rep' : (roles[0] ?? 'rep'));
  const [ttlHours, setTtl] = useState<number>(72);
  const [made, setMade] = useState<NewInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<BridgeProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function invite(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await call('team.invite', {
      email,
      role: role as Exclude<TeamMemberRole, 'owner'>,
      ttlHours,
    });
    setBusy(false);
    if (!result.ok) return setProblem(bridgeProblem(result.error, { email: 'Email' }));
    setProblem(null);
    setMade(result.value);
    setCopied(false);
    setEmail('');
    onInvited();
  }

  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setProblem({
        text: 'Fairsend could not copy: select the code and copy it yourself.',
        details: 'clipboard',
      });
    }
  }

  return (
    <div className="team-invite">
      <form onSubmit={(e) => void invite(e)} aria-label="Invite someone">
        <label>
          Email (optional)
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="Leave empty for a shared code"
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as TeamMemberRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleInWords(r)} — {ROLE_HINTS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Code works for
          <select value={ttlHours} onChange={(e) => setTtl(Number(e.target.value))}>
            {INVITE_TTL_CHOICES.map((h) => (
              <option key={h} value={h}>
                {ttlWords(h)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Making the code…' : 'Make an invite code'}
        </button>
      </form>
      {problem ? (
        <div>
          <FormProblem text={problem.text} />
          <CodeDetails code={problem.details} />
        </div>
      ) : null}
      {made ? (
        <section className="card team-invite-code" aria-label="New invite code">
          {made.email ? (
            <p>
              Send this code to <strong>{made.email}</strong> ({roleInWords(made.role).toLowerCase()}). They
              enter it in Settings → Team with this server’s address.
            </p>
          ) : (
            <p>
              A shared code ({roleInWords(made.role).toLowerCase()}): whoever you give it to enters it in
              Settings → Team with this server’s address, with their own work email and name. One person can
              join with it.
            </p>
          )}
          <p>
            <code className="invite-code">{made.code}</code>{' '}
            <button type="button" onClick={() => void copy(made.code)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </p>
          <p className="muted">
            It works once, until {expiryWords(made.expiresAt)}. Fairsend shows it only now: if it gets lost,
            revoke it below and make a new one.
          </p>
          <button type="button" onClick={() => setMade(null)}>
            Done
          </button>
        </section>
      ) : null}
    </div>
  );
}
