import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/ipc/result';
import { databaseUnreachable, unstorableCharacter } from './db/unreachable';

/** The one place codes become HTTP statuses (the domain throws AppError with a code from shared/ipc/result). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'unknown-channel': 404,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'auth-expired': 401,
  transient: 503,
  'rate-limited': 429,
  'rejected-permanent': 400,
  unavailable: 503,
  internal: 500,
};

/** every error body, on every route */
export const errorBody = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  429: errorBody,
  500: errorBody,
  503: errorBody,
} as const;

/** what a request gets while the database is away: the desktop keeps its changes and tries again */
export const DATABASE_AWAY =
  'The team server cannot reach its database right now. Fairsend will try again shortly.';

export function failure(code: ErrorCode, message: string) {
  return { ok: false as const, error: { code, message } };
}

/**
 * Errors Fastify's router meets before any route (a parameter over maxParamLength, a URL that does not decode):
 * answered in the same envelope as every other error, never echoing the URL back (it may carry a token).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.code(414).send(failure('invalid-input', 'The address of the request is too long.'));
    return;
  }
  reply.code(400).send(failure('invalid-input', 'The address of the request could not be read.'));
}

/** Known failures answer with their code; anything else is logged by name only and answered generically. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'rate-limited') reply.header('retry-after', '60');
      return reply.code(HTTP_STATUS[error.code]).send(failure(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validation[0]?.instancePath || error.validationContext || 'request';
      return reply
        .code(400)
        .send(failure('invalid-input', `The request does not fit its schema (${where}).`));
    }
    if (error.statusCode === 429) {
      return reply
        .code(429)
        .send(failure('rate-limited', 'Too many requests: slow down and try again shortly.'));
    }
    if (error.statusCode === 413) {
      return reply.code(413).send(failure('invalid-input', 'The request is too large.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(failure('invalid-input', 'The request could not be read.'));
    }
    if (unstorableCharacter(error)) {
      return reply
        .code(400)
        .send(
          failure('invalid-input', 'The request carries a character that cannot be stored (a NUL byte).'),
        );
    }
    if (databaseUnreachable(error)) {
      request.log.warn({ errorName: error.name, code: error.code }, 'database unreachable');
      return reply.code(503).header('retry-after', '5').send(failure('transient', DATABASE_AWAY));
    }
    request.log.error({ errorName: error.name, code: error.code }, 'request failed');
    return reply.code(500).send(failure('internal', 'Something went wrong on the team server.'));
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(failure('not-found', 'No such route.'));
  });
}
