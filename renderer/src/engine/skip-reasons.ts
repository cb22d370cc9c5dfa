/** Why a lead is not enrolled: a closed list the enroll dialog counts (its own module: no template code). */
export const SKIP_REASONS = [
  'not-found',
  'suppressed',
  'replied',
  'in-active-sequence',
  'already-in-sequence',
  'invalid-address',
  'cannot-render',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** How the dialog words each reason (a rep reads these; no codes). */
/** How the dialog words each reason after a count ("12 leads are suppressed…"); a rep reads these, no codes. */
export const SKIP_WORDS: Record<SkipReason, string> = {
  'not-found': 'are no longer in your leads',
  suppressed: 'are suppressed, bounced or unsubscribed',
  replied: 'have already replied',
  'in-active-sequence': 'are already in an active sequence',
  'already-in-sequence': 'were in this sequence before',
  'invalid-address': 'have an address that cannot receive email',
  'cannot-render': 'miss a value a template needs, with no fallback',
};
