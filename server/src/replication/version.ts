import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ReplicatedCollection, SCHEMA_VERSIONS, SYNC_MESSAGES } from '../../../shared/team/replication';
import { failure } from '../errors';

/** the `:schema` path segment: `s` and the collection's schema version */
export const SCHEMA_SEGMENT = /^s(0|[1-9][0-9]{0,3})$/;

/**
 * An onRequest hook (after auth, before the body is read): a desktop older than the server's oldest supported
 * schema gets 426 with words it can show; a desktop newer than the server gets 400 (the server needs updating).
 */
export function versionCheck(collection: ReplicatedCollection) {
  const { min, current } = SCHEMA_VERSIONS[collection];
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const segment = (request.params as { schema?: string }).schema ?? '';
    const match = SCHEMA_SEGMENT.exec(segment);
    if (!match) return reply.code(404).send(failure('not-found', 'No such route.'));
    const version = Number(match[1]);
    if (version < min)
      return reply.code(426).send(failure('rejected-permanent', SYNC_MESSAGES.clientTooOld(collection)));
    if (version > current)
      return reply.code(400).send(failure('rejected-permanent', SYNC_MESSAGES.serverTooOld()));
  };
}
