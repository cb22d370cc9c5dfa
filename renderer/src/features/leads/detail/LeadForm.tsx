import { useId } from 'react';
import { LEAD_LIMITS } from '../../../../../shared/leads/lead';
import { CustomFieldsEditor, TextField, TimeZoneField } from './LeadFormFields';
import { type LeadFormValues, TEXT_FIELDS } from './lead-form';
import { type LeadFormSubmit, useLeadForm } from './use-lead-form';

/**
 * The lead's editable fields with inline errors, used by the detail panel (edit) and "New lead".
 * Checks on submit, then re-checks as the user fixes; a repo refusal (duplicate address) lands on its field
 * (use-lead-form.ts).
 */
export function LeadForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: LeadFormValues;
  submitLabel: string;
  onSubmit: LeadFormSubmit;
  onCancel: () => void;
}) {
  const { values, errors, problem, busy, showsErrors, change, submit } = useLeadForm(initial, onSubmit);
  const ids = useId();

  return (
    <form
      className="lead-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <TextField
        ids={ids}
        name="email"
        label="Email (required)"
        error={errors.email}
        type="email"
        data-autofocus
        value={values.email}
        onChange={(e) => change({ email: e.target.value })}
        autoComplete="off"
      />
      <div className="form-grid">
        {TEXT_FIELDS.map(([key, label]) => (
          <TextField
            key={key}
            ids={ids}
            name={key}
            label={label}
            error={errors[key]}
            value={values[key]}
            maxLength={LEAD_LIMITS.field + 1}
            onChange={(e) => change({ [key]: e.target.value })}
          />
        ))}
      </div>
      <TimeZoneField
        ids={ids}
        value={values.timezone}
        error={errors.timezone}
        onChange={(timezone) => change({ timezone })}
      />
      <TextField
        ids={ids}
        name="tags"
        label="Tags (comma-separated)"
        error={errors.tags}
        value={values.tags}
        onChange={(e) => change({ tags: e.target.value })}
      />
      <CustomFieldsEditor
        ids={ids}
        rows={values.custom}
        errors={errors.custom}
        onChange={(custom) => change({ custom })}
      />
      <LeadFormFooter
        problem={problem}
        showsErrors={showsErrors}
        busy={busy}
        submitLabel={submitLabel}
        onCancel={onCancel}
      />
    </form>
  );
}

/** What went wrong with the form (a refusal, or fields still marked), then Cancel and the submit button. */
function LeadFormFooter({
  problem,
  showsErrors,
  busy,
  submitLabel,
  onCancel,
}: {
  problem: string;
  showsErrors: boolean;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {showsErrors ? (
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
    </>
  );
}
