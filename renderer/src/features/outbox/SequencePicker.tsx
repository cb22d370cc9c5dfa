import { useEffect, useState } from 'react';
import type { SequenceDoc } from '../../db/schemas/outreach';
import { useServices } from '../../services/use-services';
import type { SequenceFilter } from './sequence-messages';

/** Which sequence (and step) the Outbox shows: every message, or one sequence's, or one of its steps'. */
export function SequencePicker({
  value,
  onChange,
}: {
  value: SequenceFilter | null;
  onChange: (next: SequenceFilter | null) => void;
}) {
  const { sequences } = useServices();
  const [all, setAll] = useState<SequenceDoc[]>([]);
  useEffect(() => sequences.watchAll(setAll), [sequences]);
  const chosen = all.find((s) => s.id === value?.sequenceId);
  return (
    <div className="outbox-sequence-filter" style={{ display: 'flex', gap: 12, alignItems: 'end' }}>
      <label className="field">
        <span>Sequence</span>
        <select
          aria-label="Sequence"
          value={value?.sequenceId ?? ''}
          onChange={(e) => onChange(e.target.value ? { sequenceId: e.target.value, step: null } : null)}
        >
          <option value="">Any message</option>
          {all.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {value && chosen ? (
        <label className="field">
          <span>Step</span>
          <select
            aria-label="Step"
            value={value.step ?? ''}
            onChange={(e) =>
              onChange({ ...value, step: e.target.value === '' ? null : Number(e.target.value) })
            }
          >
            <option value="">Every step</option>
            {chosen.steps.map((step, i) => (
              <option key={step.id} value={i}>
                Step {i + 1}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
