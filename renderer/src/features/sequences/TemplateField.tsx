import { useDeferredValue, useId, useMemo, useRef } from 'react';
import { type EmailPart, problemWords, templateProblems } from './editor-checks';

/** Where the variable picker puts a variable: the template field the rep was last in. */
export interface FieldTarget {
  insert(text: string): void;
}

/**
 * A Liquid template input (one line for a subject, a text area otherwise) with its problems, each at its line
 * and column, checked as the rep types (on a deferred copy, so typing never waits for the check).
 */
export function TemplateField({
  label,
  part,
  value,
  onChange,
  known,
  onTarget,
  placeholder,
  hint,
}: {
  label: string;
  part: EmailPart;
  value: string;
  onChange: (value: string) => void;
  known: readonly string[];
  onTarget: (target: FieldTarget) => void;
  placeholder?: string;
  hint?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const checked = useDeferredValue(value);
  const problems = useMemo(() => templateProblems(checked, part, known), [checked, part, known]);

  // the picker calls the target after later renders: it reads the text and the handler of the latest one
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  const target: FieldTarget = {
    insert(text) {
      const el = ref.current;
      const now = latest.current.value;
      const start = el?.selectionStart ?? now.length;
      const end = el?.selectionEnd ?? now.length;
      latest.current.onChange(now.slice(0, start) + text + now.slice(end));
      requestAnimationFrame(() => {
        el?.focus();
        el?.setSelectionRange(start + text.length, start + text.length);
      });
    },
  };
  const common = {
    id,
    ref,
    value,
    placeholder,
    spellCheck: part !== 'body',
    'aria-invalid': problems.length > 0,
    'aria-describedby': problems.length || hint ? `${id}-about` : undefined,
    onFocus: () => onTarget(target),
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
  };
  return (
    <div className="field template-field">
      <label htmlFor={id}>{label}</label>
      {part === 'subject' ? (
        <input {...common} maxLength={998} />
      ) : (
        <textarea {...common} rows={part === 'body' ? 8 : 4} maxLength={100_000} />
      )}
      <span id={`${id}-about`} className="template-about">
        {problems.length ? (
          <ul className="template-problems" aria-label={`Problems in the ${label.toLowerCase()}`}>
            {problems.map((p) => (
              <li key={`${p.line}:${p.column}:${p.message}`} className="error">
                {problemWords(p)}
              </li>
            ))}
          </ul>
        ) : hint ? (
          <span className="muted">{hint}</span>
        ) : null}
      </span>
    </div>
  );
}
