import { useState } from 'react';
import type { LeadFields } from '../../../../../shared/leads/lead';
import { LeadWriteError } from '../../../db/leads-repo';
import {
  fieldsFromForm,
  hasErrors,
  type LeadFormErrors,
  type LeadFormValues,
  validateLeadForm,
} from './lead-form';

export type LeadFormSubmit = (fields: ReturnType<typeof fieldsFromForm> & LeadFields) => Promise<void>;

/**
 * The lead form's values and errors: checked on submit, then re-checked as the user fixes; a repo refusal
 * (a duplicate address) lands on its field, any other on the form.
 */
export function useLeadForm(initial: LeadFormValues, onSubmit: LeadFormSubmit) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<LeadFormErrors>({});
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

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

  return {
    values,
    errors,
    problem,
    busy,
    /** the form was submitted and something is still wrong */
    showsErrors: tried && hasErrors(errors),
    change,
    submit,
  };
}
