import { lazy, Suspense, useEffect, useState } from 'react';
import { verdictWords } from '../../../../shared/sequences/variant-winner';
import type { SequenceDoc } from '../../db/schemas/outreach';
import { useServices } from '../../services/use-services';
import { CodeDetails } from '../../ui/CodeDetails';
import { variantLetter } from './editor-steps';
import { readSequenceReport } from './report-data';
import { type ReportRow, rateWords, type SequenceReport } from './sequence-report';

const SendsChart = lazy(() => import('./SendsChart').then((m) => ({ default: m.SendsChart })));

const COLUMNS = [
  'Step',
  'Sent',
  'Replied',
  'Positive replies',
  'Bounced',
  'Opted out',
  'Blocked',
  'Reply rate',
];

/** A sequence's results per step and variant, with sends and replies per day; re-read as messages change. */
export function ReportPanel({ sequence }: { sequence: SequenceDoc }) {
  const { db, messages, enrollments } = useServices();
  const [report, setReport] = useState<SequenceReport | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => void readSequenceReport(db, messages, sequence).then((r) => live && setReport(r));
    // at most once a second while sends and replies come in
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = null;
        read();
      }, 1000);
    };
    read();
    const offMessages = messages.onChange(soon);
    const offEnrollments = enrollments.onChange(soon);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      offMessages();
      offEnrollments();
    };
  }, [db, messages, enrollments, sequence]);

  if (!report)
    return (
      <p className="muted" aria-busy="true">
        Reading the results…
      </p>
    );
  const { total } = report;
  return (
    <section className="report-panel" aria-label="Report">
      <h2>Results</h2>
      <p>
        {total.sent.toLocaleString()} sent to {total.leadsReached.toLocaleString()} leads,{' '}
        {total.replied.toLocaleString()} replied ({rateWords(total.replied, total.leadsReached)} of the leads
        reached).
      </p>
      <table className="outbox-table report-table" aria-label="Results by step">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <ReportLine key={`${r.step}|${r.variant}`} row={r} sequence={sequence} />
          ))}
        </tbody>
      </table>
      <VariantVerdicts report={report} sequence={sequence} />
      {report.days.length ? (
        <Suspense fallback={<div className="report-chart" aria-busy="true" />}>
          <SendsChart days={report.days} />
        </Suspense>
      ) : (
        <p className="muted">Nothing has been sent yet.</p>
      )}
    </section>
  );
}

/** Each A/B step's winner on positive replies, or why there is none yet, in words. */
function VariantVerdicts({ report, sequence }: { report: SequenceReport; sequence: SequenceDoc }) {
  if (!report.verdicts.length) return null;
  return (
    <ul className="report-verdicts" aria-label="A/B winners">
      {report.verdicts.map(({ step, verdict }) => {
        const variants = sequence.steps[step]?.variants ?? [];
        const name = (id: string) => `Variant ${variantLetter(variants.findIndex((v) => v.id === id))}`;
        return (
          <li key={step}>
            Step {step + 1}: {verdictWords(verdict, name)}
          </li>
        );
      })}
    </ul>
  );
}

function ReportLine({ row, sequence }: { row: ReportRow; sequence: SequenceDoc }) {
  const variants = sequence.steps[row.step]?.variants ?? [];
  const letter = variantLetter(variants.findIndex((v) => v.id === row.variant));
  const name = row.variant ? `Variant ${letter}` : `Step ${row.step + 1}`;
  return (
    <tr aria-label={name} className={row.variant ? 'report-variant' : undefined}>
      <th scope="row">{name}</th>
      {[row.sent, row.replied, row.positive, row.bounced, row.optedOut].map((n, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed; their place is the key.
        <td key={k}>{n.toLocaleString()}</td>
      ))}
      <td>
        {row.blocked.toLocaleString()}
        {row.blockedBy.map((b) => (
          <div key={b.code} className="muted report-blocked">
            {b.count} × {b.message}
            <CodeDetails code={b.code} />
          </div>
        ))}
      </td>
      <td>{rateWords(row.replied, row.sent)}</td>
    </tr>
  );
}
