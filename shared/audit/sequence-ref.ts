import { z } from 'zod';

/**
 * How a send's audit event names the sequence it belongs to, for the team's per-sequence stats: the sequence's
 * id (`data.sequenceId`) and, when known, the step's (`data.stepId`). Ids only: never the sequence's name, a
 * subject or anything about the lead. The audit log is append-only and leaves the desktop, and a name is free
 * text a rep may change (or fill with a client's name), so it stays on the desktop that knows it.
 * One-off emails have no reference, and events without one count for the rep, not for a sequence.
 */
export const SEQUENCE_REF_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const sequenceRefSchema = z
  .object({
    sequenceId: z.string().regex(SEQUENCE_REF_ID),
    stepId: z.string().regex(SEQUENCE_REF_ID).optional(),
  })
  .strict();

export type SequenceRef = z.infer<typeof sequenceRefSchema>;

/** The reference for a sequence (and step) id, or undefined when the id cannot be one (it is then left out). */
export function sequenceRefOf(sequenceId: string, stepId?: string): SequenceRef | undefined {
  if (!SEQUENCE_REF_ID.test(sequenceId)) return undefined;
  return stepId && SEQUENCE_REF_ID.test(stepId) ? { sequenceId, stepId } : { sequenceId };
}

/**
 * The audit data fields of a reference: `{ sequenceId, stepId }`, or nothing. Takes anything with those fields
 * (a draft's `sequence`, a journal entry's `audit`), so a record written before references existed gives `{}`.
 */
export function sequenceData(ref: Partial<SequenceRef> | null | undefined): Partial<SequenceRef> {
  const sequenceId = ref?.sequenceId;
  if (typeof sequenceId !== 'string' || !SEQUENCE_REF_ID.test(sequenceId)) return {};
  const stepId = ref?.stepId;
  return typeof stepId === 'string' && SEQUENCE_REF_ID.test(stepId) ? { sequenceId, stepId } : { sequenceId };
}
