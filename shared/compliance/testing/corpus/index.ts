import { CLEAN_ENGLISH } from './clean-english';
import { CLEAN_INTERNATIONAL } from './clean-international';
import { DECEPTIVE_LINKS } from './deceptive-links';
import { DECEPTIVE_MARKERS } from './deceptive-markers';
import { HOLDOUT } from './holdout';
import { RISKY } from './risky';
import type { CorpusDraft } from './types';

export type { CorpusDraft, Label } from './types';

/**
 * Every labelled draft, clean first. The holdout set was written after the rules had been tuned on the others,
 * to see whether they generalise; its first measurement is in docs/compliance-content-rules.md.
 */
export const CONTENT_CORPUS: readonly CorpusDraft[] = [
  ...CLEAN_ENGLISH,
  ...CLEAN_INTERNATIONAL,
  ...RISKY,
  ...DECEPTIVE_MARKERS,
  ...DECEPTIVE_LINKS,
  ...HOLDOUT,
];
