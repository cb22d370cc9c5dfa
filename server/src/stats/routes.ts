import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/ipc/result';
import { STATS_PATH, statsAnswerSchema, statsQuerySchema, statsRange } from '../../../shared/team/stats';
import type { Authenticate } from '../auth/authenticate';
import { callerOf, guarded } from '../auth/guard';
import type { Db } from '../db/db';
import { errorResponses } from '../errors';
import { okBody } from '../routes/schemas';
import { readStats } from './query';

export interface StatsRoutesDeps {
  db: Db;
  authenticate: Authenticate;
  now?: () => number;
}

/**
 * `GET /v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, both included; default the last 30 days): per rep
 * per day, blocked per reason, and per sequence, from the rollup. Managers, admins, the owner and readonly
 * members see every rep; reps see their own numbers. Always the caller's team.
 */
export const statsRoutes: FastifyPluginAsyncZod<StatsRoutesDeps> = async (app, deps) => {
  const now = deps.now ?? Date.now;
  const own = guarded(deps.authenticate, 'stats.own');
  app.get(STATS_PATH, {
    onRequest: own.onRequest,
    schema: {
      summary:
        "The team's numbers per rep per day (every rep for managers and up, and readonly; a rep's own)",
      tags: ['stats'],
      security: own.security,
      querystring: statsQuerySchema,
      response: { 200: okBody(statsAnswerSchema), ...errorResponses },
    },
    handler: async (request) => {
      const range = statsRange(request.query, now());
      if ('error' in range) throw new AppError('invalid-input', range.error);
      const value = await readStats(deps.db, callerOf(request), range.from, range.to);
      return { ok: true as const, value };
    },
  });
};
