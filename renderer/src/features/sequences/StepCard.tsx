import { useRef } from 'react';
import type { SequenceStep, SequenceVariant } from '../../db/sequences-repo';
import type { EmailPart } from './editor-checks';
import { addVariant, MAX_VARIANTS, removeVariant, updateVariant, variantLetter } from './editor-steps';
import { NumberField } from './fields';
import { type FieldTarget, TemplateField } from './TemplateField';
import { VariablePicker } from './VariablePicker';

type Email = Pick<SequenceStep, 'subject' | 'body' | 'text'>;

interface StepCardProps {
  step: SequenceStep;
  index: number;
  count: number;
  known: readonly string[];
  customKeys: readonly string[];
  onChange: (step: SequenceStep) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One email step: its wait, its thread, its email or A/B variants, and a variable picker. */
export function StepCard({
  step,
  index,
  count,
  known,
  customKeys,
  onChange,
  onMove,
  onRemove,
}: StepCardProps) {
  const target = useRef<FieldTarget | null>(null);
  const name = `Step ${index + 1}`;
  const ownSubject = index === 0 || !step.threadWithPrevious;
  const fields = (email: Email, set: (patch: Partial<Email>) => void) => (
    <EmailFields
      email={email}
      set={set}
      known={known}
      ownSubject={ownSubject}
      onTarget={(t) => {
        target.current = t;
      }}
    />
  );

  return (
    <section className="card step-card" aria-label={name}>
      <header className="step-header">
        <h3>{name}</h3>
        <VariablePicker customKeys={customKeys} onPick={(liquid) => target.current?.insert(liquid)} />
        <button
          type="button"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" aria-label={`Remove ${name}`} disabled={count === 1} onClick={onRemove}>
          Remove
        </button>
      </header>
      {index === 0 ? (
        <p className="muted">Goes out when a lead is enrolled, in the lead's next send window.</p>
      ) : (
        <StepTiming step={step} index={index} onChange={onChange} />
      )}
      {step.variants.length
        ? step.variants.map((v, k) => (
            <VariantBox
              key={v.id}
              variant={v}
              index={k}
              onWeight={(weight) => onChange(updateVariant(step, k, { weight }))}
              onRemove={() => onChange(removeVariant(step, k))}
            >
              {fields(v, (patch) => onChange(updateVariant(step, k, patch)))}
            </VariantBox>
          ))
        : fields(step, (patch) => onChange({ ...step, ...patch }))}
      <button
        type="button"
        disabled={step.variants.length >= MAX_VARIANTS}
        onClick={() => onChange(addVariant(step))}
      >
        {step.variants.length ? 'Add a variant' : 'Test variants (A/B)'}
      </button>
    </section>
  );
}

function StepTiming({
  step,
  index,
  onChange,
}: {
  step: SequenceStep;
  index: number;
  onChange: (step: SequenceStep) => void;
}) {
  return (
    <div className="step-timing">
      <NumberField
        label={`Wait (business days after step ${index})`}
        value={step.delayBusinessDays}
        min={0}
        max={60}
        onChange={(delayBusinessDays) => onChange({ ...step, delayBusinessDays })}
      />
      <fieldset className="segmented">
        <legend>Thread</legend>
        <label>
          <input
            type="radio"
            checked={step.threadWithPrevious}
            onChange={() => onChange({ ...step, threadWithPrevious: true })}
          />
          Reply in the same thread
        </label>
        <label>
          <input
            type="radio"
            checked={!step.threadWithPrevious}
            onChange={() => onChange({ ...step, threadWithPrevious: false })}
          />
          New thread
        </label>
      </fieldset>
    </div>
  );
}

function VariantBox({
  variant,
  index,
  onWeight,
  onRemove,
  children,
}: {
  variant: SequenceVariant;
  index: number;
  onWeight: (weight: number) => void;
  onRemove: () => void;
  children: React.ReactNode;
}) {
  const name = `Variant ${variantLetter(index)}`;
  return (
    <fieldset className="variant-box" aria-label={name}>
      <legend>{name}</legend>
      <div className="variant-head">
        <NumberField
          label="Share of leads (%)"
          value={variant.weight}
          min={1}
          max={100}
          onChange={onWeight}
        />
        <button type="button" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>
          Remove variant
        </button>
      </div>
      {children}
    </fieldset>
  );
}

const BODY_PLACEHOLDER = '<p>Hi {{ first_name | default: "there" }},</p>\n<p>…</p>';

function EmailFields({
  email,
  set,
  known,
  ownSubject,
  onTarget,
}: {
  email: Email;
  set: (patch: Partial<Email>) => void;
  known: readonly string[];
  ownSubject: boolean;
  onTarget: (target: FieldTarget) => void;
}) {
  const field = (part: EmailPart, label: string, extra: { placeholder?: string; hint?: string } = {}) => (
    <TemplateField
      label={label}
      part={part}
      value={email[part]}
      onChange={(value) => set({ [part]: value })}
      known={known}
      onTarget={onTarget}
      {...extra}
    />
  );
  return (
    <div className="email-fields">
      {ownSubject ? (
        field('subject', 'Subject')
      ) : (
        <p className="muted">Subject: “Re: ” and the subject of the email that started the thread.</p>
      )}
      {field('body', 'Message', {
        placeholder: BODY_PLACEHOLDER,
        hint: 'HTML, with {{ variables }}. Your footer and unsubscribe link are added for you.',
      })}
      {field('text', 'Plain-text part (optional)', { hint: 'Leave empty to have it made from the message.' })}
    </div>
  );
}
