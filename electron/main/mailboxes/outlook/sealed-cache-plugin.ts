import type { ICachePlugin } from '@azure/msal-node';
import type { TokenStore } from '../../oauth/token-store';

/**
 * msal-node's token cache (accounts, refresh token, access tokens) persisted through the TokenStore, which seals
 * it. msal calls before/after every cache access; only a changed cache is written back.
 */
export function sealedCachePlugin(store: TokenStore, mailboxId: string): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const serialized = await store.load(mailboxId);
      if (serialized !== null) context.tokenCache.deserialize(serialized);
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged) await store.save(mailboxId, context.tokenCache.serialize());
    },
  };
}

/** a cache that lives only in this process: connect writes here and commits to the real store once all checks pass */
export function stagingStore(): TokenStore & { value(): string | null } {
  let value: string | null = null;
  return {
    load: async () => value,
    save: async (_id, secret) => {
      value = secret;
    },
    clear: async () => {
      value = null;
    },
    value: () => value,
  };
}
