import { useId, useState } from 'react';
import { LEAD_LIMITS, type LeadFields } from '../../../../../shared/leads/lead';
import { LeadWriteError } from '../../../db/leads-repo';
import {
  fieldsFromForm,
  hasErrors,
  type LeadFormErrors,
  type LeadFormValues,
  TEXT_FIELDS,
  validateLeadForm,
} from './lead-form';

const ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * The lead's editable fields with inline errors, used by the detail panel (edit) and "New lead".
 * Checks on submit, then re-checks as the user fixes; a repo refusal (duplicate address) lands on its field.
 */
export function LeadForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: LeadFormValues;
  submitLabel: string;
  onSubmit: (fields: ReturnType<typeof fieldsFromForm> & LeadFields) => Promise<void>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<LeadFormErrors>({});
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const zonesId = `${ids}-zones`;

  function change(patch: Partial<LeadFormValues>) {
    const next = { ...values, ...patch };
    setValues(next);
    if (tried) setErrors(validateLeadForm(next));
  }

  async function submit() {
    setTried(true);
    const found = validateLeadForm(values);
    setErrors(found);
    setProblem('');
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await onSubmit(fieldsFromForm(values));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof LeadWriteError && error.field) setErrors({ [error.field]: message });
      else setProblem(message);
    } finally {
      setBusy(false);
    }
  }

  const errorProps = (name: string, message: string | undefined) =>
    message ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${name}-error` } : {};
  const errorText = (name: string, message: string | undefined) =>
    message ? (
      <span className="field-error" id={`${ids}-${name}-error`}>
        {message}
      </span>
    ) : null;

  return (
    <form
      className="lead-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <label className="field">
        <span>Email (required)</span>
        <input
          type="email"
          data-autofocus
          value={values.email}
          onChange={(e) => change({ email: e.target.value })}
          autoComplete="off"
          {...errorProps('email', errors.email)}
        />
        {errorText('email', errors.email)}
      </label>
      <div className="form-grid">
        {TEXT_FIELDS.map(([key, label]) => (
          <label className="field" key={key}>
            <span>{label}</span>
            <input
              value={values[key]}
              maxLength={LEAD_LIMITS.field + 1}
              onChange={(e) => change({ [key]: e.target.value })}
              {...errorProps(key, errors[key])}
            />
            {errorText(key, errors[key])}
          </label>
        ))}
      </div>
      <label className="field">
        <span>Time zone (IANA, e.g. Europe/Berlin; empty uses the mailbox's)</span>
        <input
          list={zonesId}
          value={values.timezone}
          onChange={(e) => change({ timezone: e.target.value })}
          {...errorProps('timezone', errors.timezone)}
        />
        <datalist id={zonesId}>
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {errorText('timezone', errors.timezone)}
      </label>
      <label className="field">
        <span>Tags (comma-separated)</span>
        <input
          value={values.tags}
          onChange={(e) => change({ tags: e.target.value })}
          {...errorProps('tags', errors.tags)}
        />
        {errorText('tags', errors.tags)}
      </label>
      <fieldset className="custom-fields">
        <legend>Custom fields</legend>
        {values.custom.map((row, i) => {
          const message = errors.custom?.[i];
          const setRow = (patch: Partial<typeof row>) =>
            change({ custom: values.custom.map((r, n) => (n === i ? { ...r, ...patch } : r)) });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while editing.
            <div className="custom-row" key={i}>
              <input
                aria-label={`Field ${i + 1} name`}
                placeholder="Name"
                value={row.key}
                onChange={(e) => setRow({ key: e.target.value })}
                {...errorProps(`custom-${i}`, message)}
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
                onClick={() => change({ custom: values.custom.filter((_, n) => n !== i) })}
              >
                ×
              </button>
              {errorText(`custom-${i}`, message)}
            </div>
          );
        })}
        <button
          type="button"
          className="link"
          disabled={values.custom.length >= LEAD_LIMITS.customFields}
          onClick={() => change({ custom: [...values.custom, { key: '', value: '' }] })}
        >
          + Add field
        </button>
      </fieldset>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {tried && hasErrors(errors) ? (
        <p className="error" role="alert">
          Please fix the fields marked above.
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
