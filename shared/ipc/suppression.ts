import { z } from 'zod';
import { channel } from './define';

/**
 * Suppression keys are HMACs of the normalised address (or domain) under the team key. The key is a secret,
 * so the renderer asks main for the keys and never holds the key itself.
 */
const suppressionKey = z.string().regex(/^[0-9a-f]{64}$/);

export const suppressionChannels = {
  'suppression.keys': channel(
    z
      .object({
        kind: z.enum(['address', 'domain']),
        values: z.array(z.string().min(1).max(320)).min(1).max(10_000),
      })
      .strict(),
  ).returns<string[]>(),
  /** Feeds main's suppression index from the replicated list: deltas, and `complete` once the full list was sent. */
  'suppression.apply': channel(
    z
      .object({
        add: z.array(suppressionKey).max(20_000),
        remove: z.array(suppressionKey).max(20_000),
        complete: z.boolean(),
      })
      .strict(),
  ).returns<{ size: number; ready: boolean }>(),
};
