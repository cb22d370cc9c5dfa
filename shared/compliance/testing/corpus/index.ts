import { CLEAN_ENGLISH } from './clean-english';
import { CLEAN_INTERNATIONAL } from './clean-international';
import { DECEPTIVE_LINKS } from './deceptive-links';
import { DECEPTIVE_MARKERS } from './deceptive-markers';
import { RISKY } from './risky';
import type { CorpusDraft } from './types';

export type { CorpusDraft, Label } from './types';

/** Every labelled draft, clean first. */
export const CONTENT_CORPUS: readonly CorpusDraft[] = [
  ...CLEAN_ENGLISH,
  ...CLEAN_INTERNATIONAL,
  ...RISKY,
  ...DECEPTIVE_MARKERS,
  ...DECEPTIVE_LINKS,
];
