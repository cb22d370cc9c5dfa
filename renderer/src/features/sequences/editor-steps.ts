/**
 * The editor's step operations, pure: each takes the steps and returns new ones. Whatever the rep does, the
 * first step starts the thread and goes at enrollment (no delay, no "reply in the same thread"), and a step
 * has no variants or 2–4 of them whose shares add up to 100.
 */
import { blankStep, newId, type SequenceStep, type SequenceVariant } from '../../db/sequences-repo';

export const MAX_STEPS = 20;
export const MAX_VARIANTS = 4;

type Steps = readonly SequenceStep[];

/** The first step opens the conversation: it waits for nothing and replies to nothing. */
export function normaliseSteps(steps: Steps): SequenceStep[] {
  return steps.map((step, i) =>
    i === 0 ? { ...step, delayBusinessDays: 0, threadWithPrevious: false } : step,
  );
}

export function addStep(steps: Steps): SequenceStep[] {
  if (steps.length >= MAX_STEPS) return [...steps];
  return normaliseSteps([...steps, blankStep(steps.length)]);
}

/** A sequence keeps at least one step. */
export function removeStep(steps: Steps, index: number): SequenceStep[] {
  if (steps.length <= 1) return [...steps];
  return normaliseSteps(steps.filter((_, i) => i !== index));
}

/** Moves a step one place up (-1) or down (+1). */
export function moveStep(steps: Steps, index: number, by: -1 | 1): SequenceStep[] {
  const to = index + by;
  if (to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return normaliseSteps(next);
}

export function updateStep(steps: Steps, index: number, patch: Partial<SequenceStep>): SequenceStep[] {
  return normaliseSteps(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
}

/** Shares that add up to 100, the first taking what does not divide: 34/33/33. */
export function evenSplit(count: number): number[] {
  const each = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => (i === 0 ? 100 - each * (count - 1) : each));
}

const withSplit = (variants: readonly SequenceVariant[]): SequenceVariant[] => {
  const split = evenSplit(variants.length);
  return variants.map((v, i) => ({ ...v, weight: split[i]! }));
};

/**
 * A/B: the first "Add variant" turns the step's email into variant A and adds B as a copy to change; later
 * ones add C and D. The split goes back to even.
 */
export function addVariant(step: SequenceStep): SequenceStep {
  if (step.variants.length >= MAX_VARIANTS) return step;
  const own = { subject: step.subject, body: step.body, text: step.text };
  const variants = step.variants.length
    ? [...step.variants, { id: newId(), ...own, weight: 0 }]
    : [
        { id: newId(), ...own, weight: 0 },
        { id: newId(), ...own, weight: 0 },
      ];
  return { ...step, variants: withSplit(variants) };
}

/** Removing the second-last variant folds the one left back into the step's own email. */
export function removeVariant(step: SequenceStep, index: number): SequenceStep {
  const left = step.variants.filter((_, i) => i !== index);
  if (left.length >= 2) return { ...step, variants: withSplit(left) };
  const [only] = left;
  return only
    ? { ...step, subject: only.subject, body: only.body, text: only.text, variants: [] }
    : { ...step, variants: [] };
}

export function updateVariant(
  step: SequenceStep,
  index: number,
  patch: Partial<SequenceVariant>,
): SequenceStep {
  return { ...step, variants: step.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) };
}

/** "A", "B", … as the editor and reports name variants. */
export const variantLetter = (index: number): string => String.fromCharCode(65 + index);
