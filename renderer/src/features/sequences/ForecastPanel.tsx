import { useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { Forecast } from '../../../../shared/sequences/forecast';
import type { SequenceDoc } from '../../db/schemas/outreach';
import { CodeDetails } from '../../ui/CodeDetails';
import { dayWords, FORECAST_DAYS, lastStepWords, stretchWords } from './forecast-input';
import { useForecast } from './use-forecast';

/**
 * The next 14 days as the engine would send them: sends per mailbox per day (every live sequence counted,
 * since they share each mailbox's cap), days that cannot hold their load flagged, when the last lead gets the
 * last step, and a warning when the caps stretch a sequence. Its own chunk: it carries the planner.
 */
export function ForecastPanel({
  sequences,
  focus,
}: {
  /** the sequences planned together (those sharing mailboxes compete for their caps) */
  sequences: readonly SequenceDoc[];
  /** the sequences the rep asks about (their end dates and warnings); all when absent */
  focus?: readonly string[];
}) {
  const [version, setVersion] = useState(0);
  const state = useForecast(sequences, version);
  return (
    <section className="forecast-panel" aria-label="Forecast">
      <header className="panel-header">
        <h2>Next {FORECAST_DAYS} days</h2>
        <button type="button" className="link" onClick={() => setVersion((v) => v + 1)}>
          Work out again
        </button>
      </header>
      {state.state === 'working' ? (
        <p className="muted" aria-busy="true">
          Working out the next {FORECAST_DAYS} days…
        </p>
      ) : state.state === 'problem' ? (
        <div className="error" role="alert">
          {state.text}
          <CodeDetails code={state.details} />
        </div>
      ) : (
        <ForecastBody
          forecast={state.forecast}
          mailboxes={state.mailboxes}
          sequences={sequences}
          focus={focus ?? sequences.map((s) => s.id)}
        />
      )}
    </section>
  );
}

function ForecastBody({
  forecast,
  mailboxes,
  sequences,
  focus,
}: {
  forecast: Forecast;
  mailboxes: MailboxInfo[];
  sequences: readonly SequenceDoc[];
  focus: readonly string[];
}) {
  const names = new Map(mailboxes.map((m) => [m.id, m.displayName || m.address]));
  const sequenceNames = new Map(sequences.map((s) => [s.id, s.name]));
  const used = [...new Set(forecast.days.flatMap((d) => [...Object.keys(d.perMailbox), ...d.short]))].filter(
    (id) => names.has(id),
  );
  const shown = forecast.sequences.filter((s) => focus.includes(s.sequenceId));
  const single = focus.length === 1;
  return (
    <>
      <ul className="forecast-summary">
        {shown.map((s) => {
          const steps = sequences.find((q) => q.id === s.sequenceId)?.steps.length ?? 1;
          const warning = stretchWords(s, steps);
          const name = single ? '' : `${sequenceNames.get(s.sequenceId) ?? 'A sequence'}: `;
          return (
            <li key={s.sequenceId}>
              {name}
              {lastStepWords(s)}
              {warning ? (
                <span className="warning forecast-stretched" role="status">
                  {' '}
                  {warning}
                </span>
              ) : null}
            </li>
          );
        })}
        {pausedMailboxes(mailboxes, sequences, focus).map((m) => (
          <li key={`paused:${m.id}`} className="warning">
            {m.displayName || m.address} is paused by you: nothing goes from it in this forecast until you
            resume it (Mailboxes → Resume sending).
          </li>
        ))}
        {forecast.stuck ? (
          <li className="warning">
            {forecast.stuck === 1 ? '1 lead waits' : `${forecast.stuck} leads wait`} for you: a paused
            sequence or a mailbox that is no longer connected (reconnect it under Mailboxes).
          </li>
        ) : null}
      </ul>
      {used.length ? (
        <ForecastTable forecast={forecast} mailboxIds={used} names={names} />
      ) : (
        <p className="muted">Nothing is planned to go out in the next {FORECAST_DAYS} days.</p>
      )}
    </>
  );
}

/** The mailboxes of the asked-about sequences that the rep paused: the forecast plans nothing from them. */
function pausedMailboxes(
  mailboxes: readonly MailboxInfo[],
  sequences: readonly SequenceDoc[],
  focus: readonly string[],
): MailboxInfo[] {
  const used = new Set(sequences.filter((s) => focus.includes(s.id)).flatMap((s) => s.mailboxIds));
  return mailboxes.filter((m) => m.pausedAt !== undefined && used.has(m.id));
}

function ForecastTable({
  forecast,
  mailboxIds,
  names,
}: {
  forecast: Forecast;
  mailboxIds: string[];
  names: ReadonlyMap<string, string>;
}) {
  return (
    <div className="forecast-scroll">
      <table className="forecast-table">
        <thead>
          <tr>
            <th scope="col">Mailbox</th>
            {forecast.days.map((d) => (
              <th key={d.date} scope="col">
                {dayWords(d.date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {mailboxIds.map((id) => (
            <tr key={id}>
              <th scope="row">{names.get(id)}</th>
              {forecast.days.map((d) => {
                const full = d.short.includes(id);
                return (
                  <td
                    key={d.date}
                    className={full ? 'forecast-full' : undefined}
                    title={full ? 'More leads are due than this mailbox can send this day' : undefined}
                  >
                    {d.perMailbox[id] ?? 0}
                    {full ? <span className="forecast-flag"> full</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="forecast-total">
            <th scope="row">All mailboxes</th>
            {forecast.days.map((d) => (
              <td key={d.date}>
                {d.total}
                {d.carriedOver ? <span className="forecast-flag"> +{d.carriedOver} moved on</span> : null}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
