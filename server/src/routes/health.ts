import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/db';
import { schemaVersion } from '../db/migrate';
import { errorResponses } from '../errors';

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/health', {
    config: { rateLimit: false },
    schema: {
      summary: 'Alive, and the database answers',
      tags: ['health'],
      response: {
        200: z.object({ ok: z.literal(true), value: z.object({ schemaVersion: z.number().int() }) }),
        ...errorResponses,
      },
    },
    handler: async () => ({ ok: true as const, value: { schemaVersion: await schemaVersion(db) } }),
  });
};
