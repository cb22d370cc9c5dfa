import { minuteToTime, timeToMinute } from './editor-checks';

/** A labelled whole-number input. */
export function NumberField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

/** A labelled time of day in minutes; an end at 00:00 is midnight at the end of the day. */
export function TimeField({
  label,
  minute,
  isEnd = false,
  onChange,
}: {
  label: string;
  minute: number;
  isEnd?: boolean;
  onChange: (minute: number) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="time"
        value={minuteToTime(minute)}
        onChange={(e) => {
          const m = timeToMinute(e.target.value, isEnd);
          if (m !== null) onChange(m);
        }}
      />
    </label>
  );
}
