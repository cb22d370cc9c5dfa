import { describe, expect, it } from 'vitest';
import { planEdit } from '../../../../shared/sequences/edit-plan';
import { blankStep } from '../../db/sequences-repo';
import { moveLine } from './EditConfirm';

const steps = ['a', 'b', 'c', 'd'].map((id, i) => blankStep(i, id));

describe('the confirm panel of a running sequence edit', () => {
  it('says where leads go on, in step numbers, before saving', () => {
    const after = [steps[0]!, steps[1]!, blankStep(2, 'n'), steps[2]!, steps[3]!];
    const enrolled = Array.from({ length: 12 }, (_, i) => ({
      id: `e${i}`,
      step: 2,
      status: 'active' as const,
      keyShift: 0,
    }));
    const [group] = planEdit(
      steps.map((s) => s.id),
      after.map((s) => s.id),
      enrolled,
    ).groups;
    expect(moveLine(group!, steps, after)).toBe(
      '12 leads have had step 2; after this change they get the new step 3 next.',
    );
    const fewer = steps.slice(1);
    const [moved] = planEdit(['a', 'b', 'c', 'd'], ['b', 'c', 'd'], enrolled.slice(0, 3)).groups;
    expect(moveLine(moved!, steps, fewer)).toBe(
      '3 leads have had step 2; after this change they get step 2 (was step 3) next.',
    );
    const [done] = planEdit(['a', 'b', 'c', 'd'], ['a', 'b'], enrolled.slice(0, 1)).groups;
    expect(moveLine(done!, steps, steps.slice(0, 2))).toBe(
      '1 lead has had step 2; no step is left for them, so they finish.',
    );
  });
});
