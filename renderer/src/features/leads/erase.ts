import type { AuditLog } from '../../bridge/audit';
import { call } from '../../bridge/client';
import type { LeadsRepo } from '../../db/leads-repo';

/** The suppression keys for an erasure come from main, which holds the team key; an error stops the erasure. */
async function suppressionKeys(addresses: string[]): Promise<string[]> {
  const result = await call('suppression.keys', { kind: 'address', values: addresses });
  if (!result.ok) throw new Error(`Could not erase: ${result.error.message}`);
  return result.value;
}

/** Erases, then audits the erasure by the suppression keys (never the addresses), 1,000 keys per event. */
export async function eraseLeads(
  { leads, audit }: { leads: LeadsRepo; audit: Pick<AuditLog, 'record'> },
  ids: readonly string[],
): Promise<number> {
  const keys: string[] = [];
  const erased = await leads.erase(ids, async (addresses) => {
    const made = await suppressionKeys(addresses);
    keys.push(...made);
    return made;
  });
  for (let i = 0; i < keys.length; i += 1000) {
    await audit.record('lead.erased', {
      keys: keys.slice(i, i + 1000),
      count: Math.min(1000, keys.length - i),
    });
  }
  return erased;
}

export const ERASE_EXPLANATION =
  'This removes the lead, its messages and enrollments from this computer. Only a hashed suppression entry stays, ' +
  'so they are never contacted again. This cannot be undone.';
