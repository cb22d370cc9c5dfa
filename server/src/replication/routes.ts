import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import {
  LIMITS,
  parseCheckpointQuery,
  pullAnswerSchema,
  pullQuerySchema,
  pushRowSchema,
  type ReplicatedCollection,
  SYNC_MESSAGES,
} from '../../../shared/team/replication';
import type { Authenticate } from '../auth/authenticate';
import { callerOf, guarded } from '../auth/guard';
import type { Db } from '../db/db';
import { errorBody, errorResponses, failure } from '../errors';
import { okBody } from '../routes/schemas';
import { auditStore } from './audit-store';
import { createMemoryNotifier, type Notifier } from './notifier';
import { pullBody } from './pull-body';
import type { CollectionStore } from './store';
import { createOpenStreams, openStream } from './stream';
import { suppressionStore } from './suppression-store';
import { teamStore } from './team-store';
import { versionCheck } from './version';

export interface ReplicationRoutesDeps {
  db: Db;
  authenticate: Authenticate;
  /** how live streams hear of commits; default: in process (PGlite, one instance), owned and closed here */
  notifier?: Notifier;
}

const STORES: Record<ReplicatedCollection, CollectionStore<unknown>> = {
  suppression: suppressionStore as CollectionStore<unknown>,
  audit: auditStore as CollectionStore<unknown>,
  team: teamStore as CollectionStore<unknown>,
};

const params = z.object({ schema: z.string().max(8).describe('s and the schema version, e.g. s1') });
const pushErrors = { ...errorResponses, 409: errorBody, 413: errorBody, 426: errorBody } as const;

/**
 * RxDB replication for suppression, audit and team (shared/team/replication.ts is the contract): for each,
 * `GET /v1/sync/:collection/s:version/pull`, `POST …/push` and `GET …/stream` (server-sent events).
 */
export const replicationRoutes: FastifyPluginAsyncZod<ReplicationRoutesDeps> = async (app, deps) => {
  const notifier = deps.notifier ?? createMemoryNotifier();
  const streams = createOpenStreams();
  app.addHook('preClose', async () => streams.endAll());
  if (!deps.notifier) app.addHook('onClose', async () => notifier.close());

  // bodies over the limit: a clear 413 here; anything else goes on to the app's error handler
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(failure('invalid-input', SYNC_MESSAGES.tooLarge()));
    }
    throw error;
  });

  for (const [collection, store] of Object.entries(STORES) as [
    ReplicatedCollection,
    CollectionStore<unknown>,
  ][]) {
    const base = `/v1/sync/${collection}/:schema`;
    const version = versionCheck(collection);
    const read = guarded(deps.authenticate, store.read);
    const write = guarded(deps.authenticate, store.write);
    const tags = ['sync'];

    app.get(`${base}/pull`, {
      onRequest: [read.onRequest, version],
      schema: {
        summary: `Pull ${collection} after a checkpoint ({order, id}), oldest first`,
        tags,
        security: read.security,
        params,
        querystring: pullQuerySchema,
        response: { 200: okBody(pullAnswerSchema(store.doc)), ...pushErrors },
      },
      handler: async (request, reply) => {
        const parsed = parseCheckpointQuery(request.query);
        if (!parsed.ok) throw new AppError('invalid-input', SYNC_MESSAGES.badCheckpoint());
        if (store.pullJson) {
          // the documents come as JSON text from the database: sent as they are, around the same envelope, as bytes
          // encoded once per kept page (pull-body.ts)
          const page = await store.pullJson(
            deps.db,
            callerOf(request),
            parsed.checkpoint,
            request.query.limit,
          );
          return reply
            .type('application/json; charset=utf-8')
            .send(pullBody(page, parsed.checkpoint) as never);
        }
        const page = await store.pull(deps.db, callerOf(request), parsed.checkpoint, request.query.limit);
        return {
          ok: true as const,
          value: { documents: page.documents, checkpoint: page.last ?? parsed.checkpoint },
        };
      },
    });

    app.post(`${base}/push`, {
      onRequest: [write.onRequest, version],
      bodyLimit: LIMITS.maxPushBytes,
      // before the rows are validated one by one: a push of 100,000 gets its 413 at once
      preValidation: async (request, reply) => {
        const body = request.body;
        if (Array.isArray(body) && body.length > LIMITS.maxPushRows) {
          return reply.code(413).send(failure('invalid-input', SYNC_MESSAGES.tooManyRows(body.length)));
        }
      },
      schema: {
        summary: `Push ${collection} rows ({assumedMasterState?, newDocumentState}); answers the conflicts' master states`,
        tags,
        security: write.security,
        params,
        body: z.array(pushRowSchema(store.doc)).max(LIMITS.maxPushRows),
        response: { 200: okBody(z.array(store.doc)), ...pushErrors },
      },
      handler: async (request) => {
        const caller = callerOf(request);
        const outcome = await deps.db.transaction((tx) => store.push(tx, caller, request.body));
        for (const changed of outcome.wrote) notifier.changed(caller.teamId, changed);
        return { ok: true as const, value: outcome.conflicts };
      },
    });

    app.get(`${base}/stream`, {
      onRequest: [read.onRequest, version],
      schema: {
        summary: `Live ${collection} changes as server-sent events: "RESYNC" first, then {documents, checkpoint}`,
        tags,
        security: read.security,
        params,
        response: { 200: z.string().describe('text/event-stream'), ...pushErrors },
      },
      handler: async (request, reply) => {
        const caller = callerOf(request);
        const authorization = request.headers.authorization;
        await openStream(reply, caller, {
          db: deps.db,
          store,
          notifier,
          streams,
          recheck: () => deps.authenticate(request.ip, authorization, store.read),
        });
      },
    });
  }
};
