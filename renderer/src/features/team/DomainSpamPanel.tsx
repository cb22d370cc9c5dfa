import { useEffect, useMemo, useState } from 'react';
import { DOMAIN_PROBLEM_WORDS, domainSpamRows } from '../../../../shared/team/domain-spam-view';
import type { TeamReputationView } from '../../../../shared/team/postmaster';
import type { RepRow } from '../../../../shared/team/stats-view';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { PLACE_PARAMS } from '../../store/address';
import { type BridgeProblem, bridgeProblem } from '../../ui/bridge-problem';
import { CodeDetails } from '../../ui/CodeDetails';
import { FormProblem } from '../../ui/FormProblem';

/**
 * Spam reports: the team's own complaint figures per day beside each sending domain's user-reported spam rate from
 * Google Postmaster Tools (shared by an admin). A domain at or over the warning limit says so above the table, in
 * the same words the mailbox card uses; at the pause limit every mailbox on it is paused until Resume.
 */
export function DomainSpamPanel({ days, reps }: { days: readonly string[]; reps: readonly RepRow[] }) {
  const go = useApp((s) => s.go);
  const [view, setView] = useState<TeamReputationView | null>(null);
  const [problem, setProblem] = useState<BridgeProblem | null>(null);

  useEffect(() => {
    let live = true;
    void call('team.reputation', {}).then((result) => {
      if (!live) return;
      if (result.ok) setView(result.value);
      else setProblem(bridgeProblem(result.error));
    });
    return () => {
      live = false;
    };
  }, []);

  const domains = view?.joined ? view.domains : [];
  const rows = useMemo(() => domainSpamRows(days, reps, domains), [days, reps, domains]);
  const flagged = domains.filter((d) => d.state !== 'ok');

  return (
    <section className="card" aria-labelledby="team-spam-title">
      <h2 id="team-spam-title">Spam reports</h2>
      {problem ? (
        <div>
          <FormProblem text={problem.text} />
          <CodeDetails code={problem.details} />
        </div>
      ) : null}
      {flagged.map((d) => (
        <div key={d.domain} className={d.state === 'paused' ? 'error' : 'warning'} role="status">
          <p>{d.message}</p>
          <button type="button" onClick={() => go('mailboxes')}>
            Open Mailboxes
          </button>
        </div>
      ))}
      {view?.joined && domains.length === 0 ? (
        <p className="muted">
          The team's own complaints are below. Gmail users' spam reports per sending domain appear beside them
          once an owner or admin connects Google Postmaster Tools in{' '}
          <button
            type="button"
            className="link"
            onClick={() => go('settings', { [PLACE_PARAMS.section]: 'team' })}
          >
            Settings → Team
          </button>
          .
        </p>
      ) : null}
      {view?.joined && view.fetchedAt ? (
        <p className="muted">
          Google Postmaster Tools figures read {new Date(view.fetchedAt).toLocaleString()}; Google reports a
          day or two late, and only days with enough Gmail traffic. At the complaint warning limit (0.1%
          unless the team set a stricter one) a domain warns; at the pause limit (0.3%) every mailbox on it
          pauses.
        </p>
      ) : null}
      {domains
        .filter((d) => d.problem)
        .map((d) => (
          <p key={d.domain} className="muted">
            {d.domain}: {DOMAIN_PROBLEM_WORDS[d.problem ?? 'no-data']}
          </p>
        ))}
      <table className="outbox-table team-table" aria-label="Spam reports per day">
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col">Sent by the team</th>
            <th scope="col">Complaints</th>
            <th scope="col">Team complaint rate</th>
            {domains.map((d) => (
              <th key={d.domain} scope="col">
                {d.domain}: Gmail spam rate
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...rows].reverse().map((r) => (
            <tr key={r.day}>
              <th scope="row">{r.day}</th>
              <td>{r.sent.toLocaleString()}</td>
              <td>{r.complaints.toLocaleString()}</td>
              <td>{r.teamRate}</td>
              {r.domainRates.map((rate, i) => (
                <td key={domains[i]?.domain ?? i}>{rate}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
