import type { FastifyRequest } from 'fastify';
import type { Authenticate, Caller } from './authenticate';
import type { Permission } from './roles';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** the OpenAPI security scheme every authenticated route names */
export const DEVICE_TOKEN_SCHEME = 'deviceToken';

/**
 * The route options for an authenticated route needing `permission`: an onRequest hook (runs before the body is
 * read) and the OpenAPI `security` entry, so the document states every route's auth.
 */
export function guarded(authenticate: Authenticate, permission: Permission) {
  return {
    onRequest: async (request: FastifyRequest) => {
      request.caller = await authenticate(request.ip, request.headers.authorization, permission);
    },
    security: [{ [DEVICE_TOKEN_SCHEME]: [] }],
    permission,
  };
}

/** the caller of a guarded route (the hook has set it, or the request never got here) */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route is not guarded');
  return request.caller;
}
