import { LEAD_VARIABLES } from '../../../../shared/sequences/templates/scope';

const LEAD_WORDS: Record<(typeof LEAD_VARIABLES)[number], string> = {
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name',
  email: 'Email',
  company: 'Company',
  title: 'Title',
};

/** The sender fields Fairsend fills (the mailbox's name, the profile's company); others need a `default`. */
const SENDER_FILLED = ['first_name', 'last_name', 'name', 'company'] as const;

/**
 * Inserts `{{ variable }}` where the rep's cursor was in the step's last field. A lead field that may be
 * blank gets a fallback to change, so the email never reads "Hi ,".
 */
export function VariablePicker({
  customKeys,
  onPick,
}: {
  customKeys: readonly string[];
  onPick: (liquid: string) => void;
}) {
  return (
    <label className="variable-picker">
      <span className="muted">Insert</span>
      <select
        aria-label="Insert a variable"
        value=""
        onChange={(e) => {
          if (e.target.value) onPick(`{{ ${e.target.value} }}`);
        }}
      >
        <option value="">a variable…</option>
        <optgroup label="Lead">
          {LEAD_VARIABLES.map((v) => (
            <option key={v} value={v === 'first_name' ? 'first_name | default: "there"' : v}>
              {LEAD_WORDS[v]}
            </option>
          ))}
        </optgroup>
        {customKeys.length ? (
          <optgroup label="Columns from your imports">
            {customKeys.map((k) => (
              <option key={k} value={`custom.${k}`}>
                {k}
              </option>
            ))}
          </optgroup>
        ) : null}
        <optgroup label="You (the sending mailbox and your company)">
          {SENDER_FILLED.map((v) => (
            <option key={v} value={`sender.${v}`}>
              Your {v.replace('_', ' ')}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
