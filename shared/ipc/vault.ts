import { z } from 'zod';
import type { AppInfo } from './app';
import { channel } from './define';

export const vaultChannels = {
  /**
   * Linux without a keyring: seal secrets for this session with a key derived from the rep's passphrase.
   * The passphrase goes to main once; a wrong one (for secrets already sealed) is refused.
   */
  'vault.unlockWithPassphrase': channel(
    z
      .object({
        passphrase: z
          .string()
          .min(12, 'Use a passphrase of at least 12 characters.')
          .max(1024, 'That passphrase is too long.'),
      })
      .strict(),
  ).returns<AppInfo>(),
};
