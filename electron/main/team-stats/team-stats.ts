import { AppError } from '../../../shared/ipc/result';
import type { TeamStatsView } from '../../../shared/ipc/team-stats';
import { STATS_PATH, type StatsQuery, statsAnswerSchema } from '../../../shared/team/stats';

/** What the stats reader needs from the team service: whether this computer is in a team, and a member's GET. */
export interface TeamStatsDeps {
  joined(): boolean;
  /** a GET to the joined server with the sealed device token; throws an AppError in words */
  get(path: string): Promise<unknown>;
}

/** `team.stats`: the team server's numbers, checked against the server's own schema before the page sees them. */
export function createTeamStats(deps: TeamStatsDeps) {
  return {
    async read(query: StatsQuery): Promise<TeamStatsView> {
      if (!deps.joined()) return { joined: false };
      const params = new URLSearchParams();
      if (query.from) params.set('from', query.from);
      if (query.to) params.set('to', query.to);
      const search = params.size > 0 ? `?${params}` : '';
      const parsed = statsAnswerSchema.safeParse(await deps.get(`${STATS_PATH}${search}`));
      if (!parsed.success)
        throw new AppError(
          'rejected-permanent',
          'The team server answered with numbers this version of Fairsend cannot read. Update Fairsend, or ask your admin to update the server.',
        );
      return { joined: true, stats: parsed.data };
    },
  };
}
