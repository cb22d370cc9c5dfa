import { DAY_METRICS, type DayMetric } from '../../../../shared/team/stats';
import {
  type BlockedGroup,
  METRIC_WORDS,
  percent,
  type RepRow,
  type SequenceRow,
  type TeamStatsShape,
} from '../../../../shared/team/stats-view';
import { CodeDetails } from '../../ui/CodeDetails';

const shortDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

/** Each rep's totals over the range: the same numbers the chart draws, added up. */
export function RepTotals({ reps, own }: { reps: readonly RepRow[]; own: boolean }) {
  return (
    <table className="outbox-table team-table" aria-label={own ? 'Your numbers' : 'Numbers per rep'}>
      <thead>
        <tr>
          {own ? null : <th scope="col">Rep</th>}
          {DAY_METRICS.map((m) => (
            <th key={m} scope="col">
              {METRIC_WORDS[m]}
            </th>
          ))}
          <th scope="col">Reply rate</th>
          <th scope="col">Bounce rate</th>
        </tr>
      </thead>
      <tbody>
        {reps.map((r) => (
          <tr key={r.memberId}>
            {own ? null : <th scope="row">{r.name}</th>}
            {DAY_METRICS.map((m) => (
              <td key={m}>{r.totals[m].toLocaleString()}</td>
            ))}
            <td>{percent(r.totals.replied, r.totals.sent)}</td>
            <td>{percent(r.totals.bounced, r.totals.sent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Each sequence's numbers over the range: what its steps sent, what the gate blocked, and the replies, bounces,
 * opt-outs and complaints that answered them. A manager also sees whose sequence it is.
 */
export function SequenceTotals({
  sequences,
  names,
  reps,
  own,
}: {
  sequences: readonly SequenceRow[];
  /** sequenceNames(): what each row is called */
  names: ReadonlyMap<string, string>;
  /** member id → the name the rep tables use */
  reps: ReadonlyMap<string, string>;
  own: boolean;
}) {
  if (sequences.length === 0)
    return <p className="muted">None of the emails in these days came from a sequence.</p>;
  return (
    <table
      className="outbox-table team-table"
      aria-label={own ? 'Your numbers per sequence' : 'Numbers per sequence'}
    >
      <thead>
        <tr>
          <th scope="col">Sequence</th>
          {own ? null : <th scope="col">Rep</th>}
          {DAY_METRICS.map((m) => (
            <th key={m} scope="col">
              {METRIC_WORDS[m]}
            </th>
          ))}
          <th scope="col">Reply rate</th>
        </tr>
      </thead>
      <tbody>
        {sequences.map((s) => (
          <tr key={s.sequenceId}>
            <th scope="row">{names.get(s.sequenceId) ?? 'A sequence'}</th>
            {own ? null : <td>{s.memberIds.map((id) => reps.get(id) ?? 'A former member').join(', ')}</td>}
            {DAY_METRICS.map((m) => (
              <td key={m}>{s.totals[m].toLocaleString()}</td>
            ))}
            <td>{percent(s.totals.replied, s.totals.sent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The chart's numbers as a table: one row per day, one column per rep. */
export function PerDayTable({ shape, metric }: { shape: TeamStatsShape; metric: DayMetric }) {
  return (
    <table className="outbox-table team-table" aria-label={`${METRIC_WORDS[metric]} per day`}>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {shape.reps.map((r) => (
            <th key={r.memberId} scope="col">
              {r.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shape.days.map((day, i) => (
          <tr key={day}>
            <th scope="row">{shortDay(day)}</th>
            {shape.reps.map((r) => (
              <td key={r.memberId}>{r.perDay[metric][i]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Why sends were blocked, in groups a rep fixes the same way; the codes behind each under Details. */
export function BlockedReasons({ groups }: { groups: readonly BlockedGroup[] }) {
  if (groups.length === 0) return <p className="muted">No email was blocked in these days.</p>;
  return (
    <ul className="team-blocked">
      {groups.map((g) => (
        <li key={g.words}>
          <strong>{g.count.toLocaleString()}</strong> {g.words}
          <CodeDetails code={g.codes.map((c) => `${c.code} ×${c.count}`).join(', ')} />
        </li>
      ))}
    </ul>
  );
}
