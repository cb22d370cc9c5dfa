import { type StatsAnswer, statsQuerySchema } from '../team/stats';
import { channel } from './define';

/**
 * The Team screen's numbers (issue 11). Main asks the team server (`GET /v1/stats`) with the sealed device
 * token, checks the answer against the server's own schema (shared/team/stats.ts) and hands back team data only.
 * Not in a team: `{ joined: false }`, and nothing is asked.
 */
export type TeamStatsView = { joined: false } | { joined: true; stats: StatsAnswer };

export const teamStatsChannels = {
  /** the team's numbers per rep per day, UTC days `from`–`to` (default: the last 30 days) */
  'team.stats': channel(statsQuerySchema.strict()).returns<TeamStatsView>(),
};
