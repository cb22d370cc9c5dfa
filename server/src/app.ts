import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAttemptLimiter } from './auth/attempts';
import { createAuthenticator } from './auth/authenticate';
import { DEVICE_TOKEN_SCHEME } from './auth/guard';
import type { Db } from './db/db';
import { frameworkErrors, installErrorHandler } from './errors';
import { loggerOptions } from './log';
import { createMemoryNotifier, type Notifier } from './replication/notifier'; // replication (sync helper)
import { replicationRoutes } from './replication/routes'; // replication (sync helper)
import { accountRoutes } from './routes/accounts';
import { healthRoutes } from './routes/health';
import { memberRoutes } from './routes/members';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { statsRoutes } from './stats/routes';

export interface Limits {
  /** requests a minute per client on every route (the default) */
  perMinute: number;
  joinPerMinute: number;
  unsubscribePerMinute: number;
  /** failed token or invite attempts per client before it is refused for the window */
  failedAttempts: number;
  failedAttemptsWindowMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  perMinute: 600,
  joinPerMinute: 10,
  unsubscribePerMinute: 60,
  failedAttempts: 20,
  failedAttemptsWindowMs: 15 * 60_000,
};

export interface AppOptions {
  db: Db;
  limits?: Partial<Limits>;
  /** false for quiet tests; else pino at this level */
  logLevel?: string | false;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe (TRUST_PROXY) */
  trustProxy?: FastifyServerOptions['trustProxy'];
  https?: { cert: Buffer; key: Buffer } | null;
  /** where pino writes (default stdout); tests read the lines back */
  logStream?: { write(line: string): void };
  version?: string;
  /** replication (sync helper): live streams hear commits through this; default in process (PGlite, one instance) */
  notifier?: Notifier;
}

/** The team server, ready to listen: plugins first (they see every route), then the routes. */
export async function buildApp(options: AppOptions) {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logLevel === false ? false : loggerOptions(options.logLevel ?? 'info', options.logStream),
    trustProxy: options.trustProxy ?? false,
    // unsubscribe tokens are ~190 characters; Fastify's default of 100 would make them a 404
    routerOptions: { maxParamLength: 1024 },
    // a parameter over that length, or a URL that does not decode: our envelope, not Fastify's echo of the URL
    frameworkErrors,
    ...(options.https ? { https: options.https } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('caller', null);
  installErrorHandler(app);

  // HSTS and upgrade-insecure-requests only when this server speaks TLS itself (a TLS proxy sets its own).
  await app.register(helmet, {
    hsts: Boolean(options.https),
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: options.https ? [] : null } },
  });
  await app.register(rateLimit, { max: limits.perMinute, timeWindow: 60_000 });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Fairsend team server', version: options.version ?? '0.1.0' },
      components: {
        securitySchemes: {
          [DEVICE_TOKEN_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'A device token from POST /v1/join or the create-team CLI (shown once).',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const attempts = createAttemptLimiter({
    max: limits.failedAttempts,
    windowMs: limits.failedAttemptsWindowMs,
  });
  const authenticate = createAuthenticator({ db: options.db, attempts });

  // replication (sync helper): one notifier for the live streams, told of one-click opt-outs too
  const notifier = options.notifier ?? createMemoryNotifier();
  await app.register(healthRoutes, { db: options.db });
  await app.register(accountRoutes, {
    db: options.db,
    authenticate,
    inviteAttempts: attempts,
    joinPerMinute: limits.joinPerMinute,
    notifier,
  });
  // members helper: open invites, role changes, removals (owners and admins)
  await app.register(memberRoutes, { db: options.db, authenticate, notifier });
  await app.register(unsubscribeRoutes, {
    db: options.db,
    perMinute: limits.unsubscribePerMinute,
    onOptOut: (teamId) => {
      notifier.changed(teamId, 'suppression');
      notifier.changed(teamId, 'audit');
    },
  });
  // replication (sync helper): pull / push / stream for suppression, audit and team
  await app.register(replicationRoutes, { db: options.db, authenticate, notifier });
  await app.register(statsRoutes, { db: options.db, authenticate }); // stats helper: GET /v1/stats

  app.get('/openapi.json', {
    schema: {
      summary: 'This document: every route, its schemas and its auth',
      tags: ['health'],
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async () => app.swagger() as unknown as Record<string, unknown>,
  });

  await app.ready();
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
