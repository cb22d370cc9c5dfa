import { type FixTarget, fixTargetOf } from '../../../../shared/compliance/reasons';
import { failureFixTargetOf, isSendFailureCode } from '../../../../shared/outbox/failure-codes';
import type { Area } from '../../store';
import { PLACE_IDS, PLACE_PARAMS, type SettingsSection } from '../../store/address';

/** Which mailbox a reason is about, when the list showing it knows (Compose's draft, a mailbox card). */
export interface FixContext {
  mailboxId?: string;
}

export interface FixPlace {
  label: string;
  area: Area;
  /** what the screen opens, as address parameters; none when the place needs a mailbox and none is known */
  open: (context: FixContext) => Record<string, string> | undefined;
  /** the id of the element (dialog, card, section) the place opens, for the same context */
  element: (context: FixContext) => string | undefined;
  /** the words a fix sentence uses for this place: a button must go where the sentence says */
  named: RegExp;
}

const settingsSection = (section: SettingsSection) => ({
  open: () => ({ [PLACE_PARAMS.section]: section }),
  element: () => PLACE_IDS.settingsSection(section),
});

/**
 * Where each fix target of the reason catalogue takes the rep: one entry per target, so a target added in
 * shared/compliance/reasons.ts is a compile error here until it has a button.
 */
export const FIX_PLACES = {
  'sender-identity': {
    label: 'Open Settings → Sender identity',
    area: 'settings',
    ...settingsSection('identity'),
    named: /Settings/,
  },
  'dns-servers': {
    label: 'Open Settings → Advanced',
    area: 'settings',
    ...settingsSection('advanced'),
    named: /Settings → Advanced/,
  },
  mailbox: {
    label: 'Open the mailbox',
    area: 'mailboxes',
    open: ({ mailboxId }) => (mailboxId ? { [PLACE_PARAMS.mailbox]: mailboxId } : undefined),
    element: ({ mailboxId }) => (mailboxId ? PLACE_IDS.mailboxCard(mailboxId) : undefined),
    named: /\bmailbox\b|Mailboxes/,
  },
  'mailbox-settings': {
    label: 'Open this mailbox’s settings',
    area: 'mailboxes',
    open: ({ mailboxId }) => (mailboxId ? { [PLACE_PARAMS.mailboxSettings]: mailboxId } : undefined),
    element: ({ mailboxId }) => (mailboxId ? PLACE_IDS.mailboxSettings(mailboxId) : undefined),
    named: /this mailbox’s settings/,
  },
} as const satisfies Record<FixTarget, FixPlace>;

/**
 * The button for a reason or a send failure, if its fix is a place in the app. Takes stored codes too (an Outbox
 * row keeps either kind), so any string.
 */
export function fixPlaceOf(code: string): FixPlace | undefined {
  const target = fixTargetOf(code) ?? (isSendFailureCode(code) ? failureFixTargetOf(code) : undefined);
  return target === undefined ? undefined : FIX_PLACES[target];
}
