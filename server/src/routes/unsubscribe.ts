import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_UNSUBSCRIBE_TOKEN_LENGTH } from '../../../shared/team/unsubscribe-token';
import type { Db } from '../db/db';
import { databaseUnreachable } from '../db/unreachable';
import { busyPage, confirmPage, donePage, invalidPage } from '../unsubscribe/pages';
import { recordOptOut } from '../unsubscribe/record';
import { verifyUnsubscribeToken } from '../unsubscribe/verify';

export interface UnsubscribeRoutesDeps {
  db: Db;
  /** requests a minute per client on /u/ */
  perMinute: number;
  /** replication (sync helper): told of each new opt-out after its commit, so live streams send it at once */
  onOptOut?: (teamId: string) => void;
}

const params = z.object({ token: z.string().max(MAX_UNSUBSCRIBE_TOKEN_LENGTH * 2) });
const html = z.string().describe('a small HTML page');

/**
 * One-click unsubscribe (RFC 8058). POST records the opt-out whatever body the mail client sends (the exact
 * `List-Unsubscribe=One-Click`, nothing, or a form with more fields): 200, no cookie, no redirect. GET shows a
 * page whose button posts; it changes nothing. A token this server cannot verify gets the same 400 however it
 * is wrong.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod<UnsubscribeRoutesDeps> = async (app, deps) => {
  // Any body at all is read as text and ignored: mail clients differ, the opt-out is the same.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) =>
    done(null, body),
  );
  const rateLimit = { max: deps.perMinute, timeWindow: 60_000 };
  // A recipient's browser reads these answers: pages, never JSON, and nothing about what was wrong.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (error.statusCode === 429) return reply.code(429).send(busyPage());
    if (error.statusCode && error.statusCode < 500) return reply.code(400).send(invalidPage());
    // the database away: a mail provider's one-click POST may be tried again; the page says to try later
    if (databaseUnreachable(error)) return reply.code(503).header('retry-after', '5').send(busyPage());
    request.log.error({ errorName: error.name, code: error.code }, 'unsubscribe failed');
    return reply.code(500).send(busyPage());
  });

  app.post('/u/:token', {
    config: { rateLimit },
    schema: {
      summary: 'One-click unsubscribe (RFC 8058): records the opt-out for the address the token stands for',
      tags: ['unsubscribe'],
      params,
      body: z.string().max(8192).nullish().describe('List-Unsubscribe=One-Click, or anything: it is ignored'),
      response: { 200: html, 400: html, 429: html, 500: html, 503: html },
    },
    handler: async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const verified = await verifyUnsubscribeToken(deps.db, request.params.token);
      if (!verified) return reply.code(400).send(invalidPage());
      const outcome = await recordOptOut(deps.db, verified.teamId, verified.claims);
      if (outcome === 'added') deps.onOptOut?.(verified.teamId); // replication (sync helper)
      return donePage();
    },
  });

  app.get('/u/:token', {
    config: { rateLimit },
    schema: {
      summary: 'The unsubscribe page: a button that posts; opening it changes nothing',
      tags: ['unsubscribe'],
      params,
      response: { 200: html, 400: html, 429: html, 500: html, 503: html },
    },
    handler: async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const verified = await verifyUnsubscribeToken(deps.db, request.params.token);
      if (!verified) return reply.code(400).send(invalidPage());
      return confirmPage();
    },
  });
};
