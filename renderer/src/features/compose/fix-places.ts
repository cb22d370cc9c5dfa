import { type FixTarget, fixTargetOf } from '../../../../shared/compliance/reasons';
import type { Area } from '../../store';

export interface FixPlace {
  label: string;
  area: Area;
}

/**
 * Where each fix target of the reason catalogue takes the rep: one entry per target, so a target added in
 * shared/compliance/reasons.ts is a compile error here until it has a button.
 */
export const FIX_PLACES = {
  'sender-identity': { label: 'Open Settings', area: 'settings' },
  'mailbox-settings': { label: 'Open Mailboxes', area: 'mailboxes' },
} as const satisfies Record<FixTarget, FixPlace>;

/** The button for a reason, if its fix is a place in the app. Takes stored codes too, so any string. */
export function fixPlaceOf(code: string): FixPlace | undefined {
  const target = fixTargetOf(code);
  return target === undefined ? undefined : FIX_PLACES[target];
}
