import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeRole, listPendingInvites, removeMember, revokeInvite } from '../accounts/members';
import type { Authenticate } from '../auth/authenticate';
import { callerOf, guarded } from '../auth/guard';
import type { Db } from '../db/db';
import { errorResponses } from '../errors';
import type { Notifier } from '../replication/notifier';
import { id, isoTime, okBody, role } from './schemas';

export interface MemberRoutesDeps {
  db: Db;
  authenticate: Authenticate;
  /** live streams hear member changes (the team collection) and the audit events they leave */
  notifier: Notifier;
}

const pendingInvite = z.object({
  id,
  email: z.string().nullable(),
  role,
  createdAt: isoTime,
  expiresAt: isoTime,
});

/**
 * Managing the team's people (owners and admins, `members.manage`; who may change whom: shared/team/member-rules.ts):
 * open invites and their revocation, role changes and removals. Every change is a server audit event, and the
 * member's team document (kept by a trigger) reaches the desktops through replication.
 */
export const memberRoutes: FastifyPluginAsyncZod<MemberRoutesDeps> = async (app, deps) => {
  const { db, authenticate, notifier } = deps;
  const manage = guarded(authenticate, 'members.manage');
  const changed = (teamId: string) => {
    notifier.changed(teamId, 'team');
    notifier.changed(teamId, 'audit');
  };

  app.get('/v1/invites', {
    onRequest: manage.onRequest,
    schema: {
      summary: 'Open invites (not used, not expired): who and which role, never the code',
      tags: ['accounts'],
      security: manage.security,
      response: { 200: okBody(z.array(pendingInvite)), ...errorResponses },
    },
    handler: async (request) => ({
      ok: true as const,
      value: await listPendingInvites(db, callerOf(request).teamId),
    }),
  });

  app.post('/v1/invites/:inviteId/revoke', {
    onRequest: manage.onRequest,
    schema: {
      summary: 'Revoke an open invite: its code stops working at once',
      tags: ['accounts'],
      security: manage.security,
      params: z.object({ inviteId: id }),
      response: { 200: okBody(z.object({ revoked: id })), ...errorResponses },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      await revokeInvite(db, caller, request.params.inviteId);
      changed(caller.teamId);
      return { ok: true as const, value: { revoked: request.params.inviteId } };
    },
  });

  app.post('/v1/members/:memberId/role', {
    onRequest: manage.onRequest,
    schema: {
      summary: "Change a member's role (owner and admin roles only by an owner; never the last owner's)",
      tags: ['accounts'],
      security: manage.security,
      params: z.object({ memberId: id }),
      body: z.object({ role }).strict(),
      response: {
        200: okBody(z.object({ memberId: id, role })),
        ...errorResponses,
        409: errorResponses[404],
      },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      const { memberId } = request.params;
      const done = await changeRole(db, caller, memberId, request.body.role);
      changed(caller.teamId);
      return { ok: true as const, value: { memberId, role: done.role } };
    },
  });

  app.post('/v1/members/:memberId/remove', {
    onRequest: manage.onRequest,
    schema: {
      summary: 'Remove a member: all their devices are revoked, each fails from its next request',
      tags: ['accounts'],
      security: manage.security,
      params: z.object({ memberId: id }),
      response: {
        200: okBody(z.object({ removed: id, devicesRevoked: z.number().int() })),
        ...errorResponses,
        409: errorResponses[404],
      },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      const { memberId } = request.params;
      const done = await removeMember(db, caller, memberId);
      changed(caller.teamId);
      return { ok: true as const, value: { removed: memberId, ...done } };
    },
  });
};
