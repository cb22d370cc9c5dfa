import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import { listDevices, listMembers, revokeDevice } from '../accounts/devices';
import { createInvite, join, MAX_INVITE_TTL_HOURS } from '../accounts/invites';
import type { AttemptLimiter } from '../auth/attempts';
import type { Authenticate } from '../auth/authenticate';
import { callerOf, guarded } from '../auth/guard';
import { can } from '../auth/roles';
import type { Db } from '../db/db';
import { errorBody, errorResponses } from '../errors';
import type { Notifier } from '../replication/notifier';
import { device, email, id, invitableRole, member, okBody, role } from './schemas';

export interface AccountRoutesDeps {
  db: Db;
  authenticate: Authenticate;
  /** failed invite codes per client */
  inviteAttempts: AttemptLimiter;
  /** requests a minute per client on /v1/join, before any check */
  joinPerMinute: number;
  /** live streams hear the audit events invites and revocations leave (members helper) */
  notifier?: Notifier;
}

export const accountRoutes: FastifyPluginAsyncZod<AccountRoutesDeps> = async (app, deps) => {
  const { db, authenticate } = deps;

  app.post('/v1/join', {
    config: { rateLimit: { max: deps.joinPerMinute, timeWindow: 60_000 } },
    schema: {
      summary:
        "Join a team with an invite code; answers the device token (shown once) and the team key. A shared code (made without an email) needs the joining person's email, which must be new to the team (409 otherwise); a code made for an email takes no other",
      tags: ['accounts'],
      body: z.object({
        code: z.string().max(100),
        deviceName: z.string().trim().min(1).max(200),
        email: email.optional(),
        name: z.string().trim().min(1).max(200).optional(),
      }),
      response: {
        200: okBody(
          z.object({
            token: z.string(),
            deviceId: id,
            team: z.object({ id, name: z.string(), key: z.string().regex(/^[0-9a-f]{64}$/) }),
            member: z.object({ id, email: z.string(), role, name: z.string().nullable() }),
          }),
        ),
        ...errorResponses,
        409: errorBody,
      },
    },
    handler: async (request) => {
      const wait = deps.inviteAttempts.blockedFor(request.ip);
      if (wait > 0) throw new AppError('rate-limited', 'Too many invite codes tried: wait a minute.');
      try {
        return { ok: true as const, value: await join(db, request.body) };
      } catch (error) {
        // a refused email counts too: a shared code must not become a way to list the team's emails
        if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'conflict'))
          deps.inviteAttempts.failed(request.ip);
        throw error;
      }
    },
  });

  const me = guarded(authenticate, 'team.read');
  app.get('/v1/me', {
    onRequest: me.onRequest,
    schema: {
      summary: 'This device: its team, member and role',
      tags: ['accounts'],
      security: me.security,
      response: {
        200: okBody(z.object({ teamId: id, teamName: z.string(), memberId: id, deviceId: id, role })),
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      const [team] = await db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [
        caller.teamId,
      ]);
      return { ok: true as const, value: { ...caller, teamName: team?.name ?? '' } };
    },
  });

  const members = guarded(authenticate, 'team.read');
  app.get('/v1/members', {
    onRequest: members.onRequest,
    schema: {
      summary: "The team's members and their roles",
      tags: ['accounts'],
      security: members.security,
      response: { 200: okBody(z.array(member)), ...errorResponses },
    },
    handler: async (request) => ({
      ok: true as const,
      value: await listMembers(db, callerOf(request).teamId),
    }),
  });

  const invite = guarded(authenticate, 'members.manage');
  app.post('/v1/invites', {
    onRequest: invite.onRequest,
    schema: {
      summary:
        'Make an invite code (single use, expiring) for a role, for one email or (without an email) a shared code whose holder gives their email when joining; the code is shown once',
      tags: ['accounts'],
      security: invite.security,
      body: z.object({
        email: email.optional(),
        role: invitableRole,
        ttlHours: z.number().int().min(1).max(MAX_INVITE_TTL_HOURS).default(72),
      }),
      response: {
        200: okBody(z.object({ id, code: z.string(), expiresAt: z.string() })),
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      const value = await createInvite(db, caller, request.body);
      deps.notifier?.changed(caller.teamId, 'audit');
      return { ok: true as const, value };
    },
  });

  const devices = guarded(authenticate, 'members.manage');
  app.get('/v1/devices', {
    onRequest: devices.onRequest,
    schema: {
      summary: "The team's devices (never their tokens)",
      tags: ['accounts'],
      security: devices.security,
      response: { 200: okBody(z.array(device)), ...errorResponses },
    },
    handler: async (request) => ({
      ok: true as const,
      value: await listDevices(db, callerOf(request).teamId),
    }),
  });

  const revoke = guarded(authenticate, 'team.read');
  app.post('/v1/devices/:deviceId/revoke', {
    onRequest: revoke.onRequest,
    schema: {
      summary:
        'Revoke a device: its token fails from the next request. Own devices, or any with members.manage',
      tags: ['accounts'],
      security: revoke.security,
      params: z.object({ deviceId: id }),
      response: { 200: okBody(z.object({ revoked: id })), ...errorResponses },
    },
    handler: async (request) => {
      const caller = callerOf(request);
      await revokeDevice(db, caller, request.params.deviceId, can(caller.role, 'members.manage'));
      deps.notifier?.changed(caller.teamId, 'audit');
      return { ok: true as const, value: { revoked: request.params.deviceId } };
    },
  });
};
