import type { BreakerThresholds } from '../../../shared/compliance/breakers';
import { judgeDomainSpam } from '../../../shared/compliance/domain-reputation';
import type { TeamReputationView } from '../../../shared/team/postmaster';
import type { TeamReputation } from '../team/team-reputation';

/** `team.reputation`: the shared figures with today's verdict per domain, for every member */
export function teamReputationView(
  joined: boolean,
  reputation: Pick<TeamReputation, 'value'>,
  now: number,
  thresholds: () => BreakerThresholds,
): TeamReputationView {
  if (!joined) return { joined: false };
  const value = reputation.value();
  return {
    joined: true,
    fetchedAt: value?.fetchedAt ?? null,
    domains: (value?.domains ?? []).map((d) => {
      const verdict = judgeDomainSpam(d, { now, thresholds: thresholds() });
      return { ...d, state: verdict.state, message: verdict.reasons[0]?.message ?? null };
    }),
  };
}
