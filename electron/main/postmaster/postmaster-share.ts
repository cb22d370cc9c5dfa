import { AppError } from '../../../shared/ipc/result';
import { POSTMASTER_DOC_ID, type PostmasterValue } from '../../../shared/team/postmaster';
import { syncPath, type TeamWireDoc } from '../../../shared/team/replication';
import type { TeamReputationStore } from '../team/team-reputation';

export interface ShareDeps {
  team: { manage(path: string, options?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<unknown> };
  reputation: TeamReputationStore;
  now: () => number;
}

/**
 * Writes the team's `postmaster` document over whatever the server holds: the figures are one admin's latest read,
 * so a conflict is retried once against the server's copy rather than merged.
 */
export async function shareFigures(deps: ShareDeps, value: PostmasterValue): Promise<void> {
  const next: TeamWireDoc = { id: POSTMASTER_DOC_ID, value, updatedAt: deps.now(), _deleted: false };
  let assumed = deps.reputation.document() ?? undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = [{ ...(assumed ? { assumedMasterState: assumed } : {}), newDocumentState: next }];
    const conflicts = await deps.team.manage(syncPath('team', 'push'), { method: 'POST', body: rows });
    const master = Array.isArray(conflicts)
      ? (conflicts as TeamWireDoc[]).find((d) => d.id === POSTMASTER_DOC_ID)
      : undefined;
    if (!master) {
      // this desktop reads its own push now, not on the next pull
      await deps.reputation.observe([next]);
      return;
    }
    assumed = master;
  }
  throw new AppError('conflict', 'Another admin shared Postmaster figures at the same moment. Fetch again.');
}
