import type { ComponentProps } from 'react';
import { LEAD_LIMITS } from '../../../../../shared/leads/lead';
import type { LeadFormErrors, LeadFormValues } from './lead-form';

const ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** A field with an error is marked invalid and described by the error's text (`FieldError`, same `ids`). */
export const errorProps = (ids: string, name: string, message: string | undefined) =>
  message ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${name}-error` } : {};

/** A field's error, beside it. */
export function FieldError({
  ids,
  name,
  message,
}: {
  ids: string;
  name: string;
  message: string | undefined;
}) {
  return message ? (
    <span className="field-error" id={`${ids}-${name}-error`}>
      {message}
    </span>
  ) : null;
}

/** A labelled input with its error beside it; `name` ties the two together. */
export function TextField({
  ids,
  name,
  label,
  error,
  ...input
}: { ids: string; name: string; label: string; error: string | undefined } & ComponentProps<'input'>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} {...errorProps(ids, name, error)} />
      <FieldError ids={ids} name={name} message={error} />
    </label>
  );
}

/** The lead's time zone, typed or picked from the IANA names this computer knows. */
export function TimeZoneField({
  ids,
  value,
  error,
  onChange,
}: {
  ids: string;
  value: string;
  error: string | undefined;
  onChange: (timezone: string) => void;
}) {
  const zonesId = `${ids}-zones`;
  return (
    <label className="field">
      <span>Time zone (IANA, e.g. Europe/Berlin; empty uses the mailbox's)</span>
      <input
        list={zonesId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...errorProps(ids, 'timezone', error)}
      />
      <datalist id={zonesId}>
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <FieldError ids={ids} name="timezone" message={error} />
    </label>
  );
}

type CustomRow = LeadFormValues['custom'][number];

/** The lead's custom fields as name/value rows: edit, remove, and add up to the limit. */
export function CustomFieldsEditor({
  ids,
  rows,
  errors,
  onChange,
}: {
  ids: string;
  rows: LeadFormValues['custom'];
  /** one message per row, by index */
  errors: LeadFormErrors['custom'];
  onChange: (rows: LeadFormValues['custom']) => void;
}) {
  return (
    <fieldset className="custom-fields">
      <legend>Custom fields</legend>
      {rows.map((row, i) => {
        const message = errors?.[i];
        const setRow = (patch: Partial<CustomRow>) =>
          onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while editing.
          <div className="custom-row" key={i}>
            <input
              aria-label={`Field ${i + 1} name`}
              placeholder="Name"
              value={row.key}
              onChange={(e) => setRow({ key: e.target.value })}
              {...errorProps(ids, `custom-${i}`, message)}
            />
            <input
              aria-label={`Field ${i + 1} value`}
              placeholder="Value"
              value={row.value}
              onChange={(e) => setRow({ value: e.target.value })}
            />
            <button
              type="button"
              className="ghost"
              aria-label={`Remove field ${row.key || i + 1}`}
              onClick={() => onChange(rows.filter((_, n) => n !== i))}
            >
              ×
            </button>
            <FieldError ids={ids} name={`custom-${i}`} message={message} />
          </div>
        );
      })}
      <button
        type="button"
        className="link"
        disabled={rows.length >= LEAD_LIMITS.customFields}
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        + Add field
      </button>
    </fieldset>
  );
}
