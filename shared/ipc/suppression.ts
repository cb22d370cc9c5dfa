import { z } from 'zod';
import { channel } from './define';

/**
 * Suppression keys are HMACs of the normalised address (or domain) under the team key. The key is a secret,
 * so the renderer asks main for the keys and never holds the key itself.
 */
export const suppressionChannels = {
  'suppression.keys': channel(
    z
      .object({
        kind: z.enum(['address', 'domain']),
        values: z.array(z.string().min(1).max(320)).min(1).max(10_000),
      })
      .strict(),
  ).returns<string[]>(),
};
