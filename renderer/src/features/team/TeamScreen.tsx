import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { TeamStatsView } from '../../../../shared/ipc/team-stats';
import { DAY_METRICS, type DayMetric } from '../../../../shared/team/stats';
import { METRIC_WORDS, sequenceNames, shapeStats } from '../../../../shared/team/stats-view';
import { call } from '../../bridge/client';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { PLACE_PARAMS } from '../../store/address';
import { type BridgeProblem, bridgeProblem } from '../../ui/bridge-problem';
import { CodeDetails } from '../../ui/CodeDetails';
import { EmptyState } from '../../ui/EmptyState';
import { FormProblem } from '../../ui/FormProblem';
import { DomainSpamPanel } from './DomainSpamPanel';
import { MembersPanel } from './MembersPanel';
import { BlockedReasons, PerDayTable, RepTotals, SequenceTotals } from './TeamTables';

const RepChart = lazy(() => import('./RepChart').then((m) => ({ default: m.RepChart })));

const RANGES = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const utc = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Team: the team's numbers from the team server, per rep per day (managers, admins, the owner and read-only
 * members), or a rep's own. Not in a team: says so, with the way to Settings → Team. Nothing here changes
 * anything, so read-only members see the same screen as managers.
 */
export function TeamScreen() {
  const go = useApp((s) => s.go);
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [view, setView] = useState<TeamStatsView | null>(null);
  const [problem, setProblem] = useState<BridgeProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const read = useCallback(async () => {
    setBusy(true);
    const now = Date.now();
    const result = await call('team.stats', { from: utc(now - (days - 1) * DAY_MS), to: utc(now) });
    setBusy(false);
    if (result.ok) {
      setView(result.value);
      setProblem(null);
    } else setProblem(bridgeProblem(result.error));
  }, [days]);

  useEffect(() => {
    void read();
  }, [read]);

  return (
    <div className="screen team-screen">
      <header className="screen-header">
        <h1>Team</h1>
        {view?.joined ? (
          <div className="team-range">
            <label>
              Show{' '}
              <select value={days} onChange={(e) => setDays(Number(e.target.value) as typeof days)}>
                {RANGES.map((n) => (
                  <option key={n} value={n}>
                    the last {n} days
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void read()} disabled={busy}>
              {busy ? 'Reading…' : 'Refresh'}
            </button>
          </div>
        ) : null}
      </header>
      {problem ? (
        <div>
          <FormProblem text={problem.text} />
          <CodeDetails code={problem.details} />
        </div>
      ) : null}
      {view === null && !problem ? <p aria-busy="true">Reading your team's numbers…</p> : null}
      {view && !view.joined ? (
        <EmptyState
          title="You are not in a team yet"
          action={
            <button
              type="button"
              className="primary"
              onClick={() => go('settings', { [PLACE_PARAMS.section]: 'team' })}
            >
              Join a team in Settings
            </button>
          }
        >
          Fairsend works on its own as it always has. When your team runs a team server, join it with the
          invite code your admin sends: the suppression list and the opt-outs are then shared with everyone,
          and your sends, replies and bounces show here next to your teammates'.
        </EmptyState>
      ) : null}
      {view?.joined ? <TeamNumbers view={view} /> : null}
      {/* who is in the team (everyone sees it; owners and admins also invite, change roles and remove) */}
      {view?.joined ? <MembersPanel /> : null}
    </div>
  );
}

/** The names of this computer's sequences (the team server knows them by id only). */
function useSequenceNames(): ReadonlyMap<string, string> {
  const { sequences } = useServices();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(
    () => sequences.watchAll((list) => setNames(new Map(list.map((s) => [s.id, s.name])))),
    [sequences],
  );
  return names;
}

function TeamNumbers({ view }: { view: Extract<TeamStatsView, { joined: true }> }) {
  const shape = useMemo(() => shapeStats(view.stats), [view]);
  const known = useSequenceNames();
  const names = useMemo(() => sequenceNames(shape, known), [shape, known]);
  const repNames = useMemo(() => new Map(shape.reps.map((r) => [r.memberId, r.name])), [shape]);
  const [metric, setMetric] = useState<DayMetric>('sent');
  const { you } = view.stats;
  const nothing = shape.reps.every((r) => DAY_METRICS.every((m) => r.totals[m] === 0));
  return (
    <>
      <p className="muted">
        {shape.own
          ? 'Your own numbers, from the team server. Your manager sees every rep’s.'
          : you.role === 'readonly'
            ? 'Every rep’s numbers, from the team server. Your role is read only: you can look, not change anything.'
            : 'Every rep’s numbers, from the team server.'}{' '}
        Days are UTC days; a computer that was offline adds its numbers when it syncs again.
      </p>
      {nothing ? (
        <p>Nothing was sent, blocked or answered in these days yet.</p>
      ) : (
        <>
          <section className="card" aria-labelledby="team-chart-title">
            <h2 id="team-chart-title">
              {METRIC_WORDS[metric]} per {shape.own ? 'day' : 'rep per day'}
            </h2>
            <fieldset className="segmented">
              <legend>Show</legend>
              {DAY_METRICS.map((m) => (
                <label key={m}>
                  <input
                    type="radio"
                    name="team-metric"
                    checked={metric === m}
                    onChange={() => setMetric(m)}
                  />
                  {METRIC_WORDS[m]}
                </label>
              ))}
            </fieldset>
            <Suspense fallback={<div className="report-chart" />}>
              <RepChart days={shape.days} reps={shape.reps} metric={metric} />
            </Suspense>
            <details>
              <summary>The chart's numbers as a table</summary>
              <PerDayTable shape={shape} metric={metric} />
            </details>
          </section>
          <section className="card" aria-labelledby="team-totals-title">
            <h2 id="team-totals-title">{shape.own ? 'Your numbers' : 'Per rep'}</h2>
            <RepTotals reps={shape.reps} own={shape.own} />
          </section>
          <section className="card" aria-labelledby="team-sequences-title">
            <h2 id="team-sequences-title">{shape.own ? 'Your sequences' : 'Per sequence'}</h2>
            <SequenceTotals sequences={shape.sequences} names={names} reps={repNames} own={shape.own} />
          </section>
          <section className="card" aria-labelledby="team-blocked-title">
            <h2 id="team-blocked-title">Why emails were blocked</h2>
            <BlockedReasons groups={shape.blocked} />
          </section>
        </>
      )}
      {/* the team's complaints beside Gmail users' spam reports per sending domain (Google Postmaster Tools) */}
      <DomainSpamPanel days={shape.days} reps={shape.reps} />
    </>
  );
}
