/** Documents this computer changed that the team server does not have yet, per replicated collection. */
export interface PendingPushes {
  suppression: number;
  audit: number;
  team: number;
}

export const NO_PENDING: PendingPushes = { suppression: 0, audit: 0, team: 0 };

export const pendingTotal = (p: PendingPushes) => p.suppression + p.audit + p.team;

/** Settings → Team's line for what waits, in words a rep reads ("3 changes waiting to reach the team server"). */
export function pendingInWords(p: PendingPushes | null): string {
  if (!p) return 'Checking…';
  const total = pendingTotal(p);
  if (total === 0) return 'Nothing: the team server has all your changes';
  const parts = [
    p.suppression ? `${p.suppression.toLocaleString('en')} to the suppression list` : '',
    p.audit ? `${p.audit.toLocaleString('en')} in the activity log` : '',
    p.team ? `${p.team.toLocaleString('en')} to team settings` : '',
  ].filter(Boolean);
  const head = `${total.toLocaleString('en')} ${total === 1 ? 'change' : 'changes'} waiting to reach the team server`;
  return parts.length > 1 ? `${head} (${parts.join(', ')})` : head;
}
