import { useEffect, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { SequenceFields } from '../../db/sequences-repo';
import { useApp } from '../../store';
import { NumberField, TimeField } from './fields';
import { type HolidayPlaces, loadHolidayPlaces, splitPlace } from './holiday-places';

const DAYS = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'Sun'],
] as const;

type Patch = (patch: Partial<SequenceFields>) => void;

/** Who sends, on which days, in which hours, how many a day, and when a company stops. */
export function ScheduleSettings({
  fields,
  set,
  mailboxes,
  mailboxProblem,
}: {
  fields: SequenceFields;
  set: Patch;
  mailboxes: MailboxInfo[] | null;
  mailboxProblem: string;
}) {
  const { schedule } = fields;
  const setSchedule = (patch: Partial<SequenceFields['schedule']>) =>
    set({ schedule: { ...schedule, ...patch } });
  const toggleDay = (day: number, on: boolean) =>
    setSchedule({
      sendDays: on ? [...schedule.sendDays, day].sort() : schedule.sendDays.filter((d) => d !== day),
    });
  return (
    <section className="card schedule-settings" aria-label="Schedule">
      <h2>Schedule</h2>
      <MailboxChoice fields={fields} set={set} mailboxes={mailboxes} problem={mailboxProblem} />
      <fieldset className="segmented">
        <legend>Send on</legend>
        {DAYS.map(([day, label]) => (
          <label key={day}>
            <input
              type="checkbox"
              checked={schedule.sendDays.includes(day)}
              onChange={(e) => toggleDay(day, e.target.checked)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="schedule-row">
        <TimeField
          label="Send from"
          minute={schedule.startMinute}
          onChange={(startMinute) => setSchedule({ startMinute })}
        />
        <TimeField
          label="Until"
          minute={schedule.endMinute}
          isEnd
          onChange={(endMinute) => setSchedule({ endMinute })}
        />
        <p className="muted">In each lead's time zone (the mailbox's when a lead has none).</p>
      </div>
      <HolidaysChoice
        value={schedule.holidaysCountry}
        onChange={(holidaysCountry) => setSchedule({ holidaysCountry })}
      />
      <NumberField
        label="Daily limit for this sequence (0 for none; each mailbox's own cap always applies)"
        value={fields.dailyLimit}
        min={0}
        max={100_000}
        onChange={(dailyLimit) => set({ dailyLimit })}
      />
      <label>
        <input
          type="checkbox"
          checked={fields.stopCompanyOnReply}
          onChange={(e) => set({ stopCompanyOnReply: e.target.checked })}
        />
        Stop everyone at a company when someone there replies
      </label>
    </section>
  );
}

function MailboxChoice({
  fields,
  set,
  mailboxes,
  problem,
}: {
  fields: SequenceFields;
  set: Patch;
  mailboxes: MailboxInfo[] | null;
  problem: string;
}) {
  const go = useApp((s) => s.go);
  const chosen = new Set(fields.mailboxIds);
  const gone = fields.mailboxIds.filter((id) => mailboxes && !mailboxes.some((m) => m.id === id));
  const toggle = (id: string, on: boolean) =>
    set({ mailboxIds: on ? [...fields.mailboxIds, id] : fields.mailboxIds.filter((m) => m !== id) });
  if (mailboxes?.length === 0)
    return (
      <p className="warning">
        {problem || 'Connect a mailbox to send from: Fairsend sends through your own mailbox.'}{' '}
        <button type="button" className="link" onClick={() => go('mailboxes')}>
          Go to Mailboxes
        </button>
      </p>
    );
  return (
    <fieldset className="mailbox-choice">
      <legend>Send from (choose several to rotate: each lead keeps one mailbox for every step)</legend>
      {(mailboxes ?? []).map((m) => (
        <label key={m.id}>
          <input
            type="checkbox"
            checked={chosen.has(m.id)}
            onChange={(e) => toggle(m.id, e.target.checked)}
          />
          {m.displayName} &lt;{m.address}&gt;
          {m.pausedAt !== undefined ? (
            <span className="warning"> — paused by you: its leads wait until you resume it (Mailboxes)</span>
          ) : null}
        </label>
      ))}
      {gone.length ? (
        <p className="warning">
          {gone.length === 1 ? 'A mailbox' : `${gone.length} mailboxes`} chosen here is no longer connected;
          its leads wait until you connect it again or remove it here.{' '}
          <button
            type="button"
            className="link"
            onClick={() => set({ mailboxIds: fields.mailboxIds.filter((id) => !gone.includes(id)) })}
          >
            Remove it from this sequence
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}

function HolidaysChoice({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const [places, setPlaces] = useState<HolidayPlaces | null>(null);
  useEffect(() => {
    let live = true;
    void loadHolidayPlaces().then((p) => live && setPlaces(p));
    return () => {
      live = false;
    };
  }, []);
  const { country, state } = splitPlace(value);
  const states = places && country ? places.states(country) : [];
  return (
    <div className="schedule-row">
      <label className="field">
        <span>Skip public holidays of</span>
        <select value={country} onChange={(e) => onChange(e.target.value)} disabled={!places}>
          <option value="">No country (send on holidays)</option>
          {!places && country ? <option value={country}>{country}</option> : null}
          {(places?.countries ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {states.length ? (
        <label className="field">
          <span>State or region</span>
          <select
            value={state}
            onChange={(e) => onChange(e.target.value ? `${country}-${e.target.value}` : country)}
          >
            <option value="">The whole country's holidays</option>
            {states.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
