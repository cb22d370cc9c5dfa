import { call } from '../../bridge/client';
import type { LeadsRepo } from '../../db/leads-repo';

/** The suppression keys for an erasure come from main, which holds the team key; an error stops the erasure. */
async function suppressionKeys(addresses: string[]): Promise<string[]> {
  const result = await call('suppression.keys', { kind: 'address', values: addresses });
  if (!result.ok) throw new Error(`Could not erase: ${result.error.message}`);
  return result.value;
}

export function eraseLeads(repo: LeadsRepo, ids: readonly string[]): Promise<number> {
  return repo.erase(ids, suppressionKeys);
}

export const ERASE_EXPLANATION =
  'This removes the lead, its messages and enrollments from this computer. Only a hashed suppression entry stays, ' +
  'so they are never contacted again. This cannot be undone.';
