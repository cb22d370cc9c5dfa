import { z } from 'zod';
import type { CertificateProblem, TrustedCertificateView } from '../mailboxes/certificate-problems';
import type { TeamReputationView } from '../team/postmaster';
import { channel } from './define';

/**
 * Team membership and sync, as the renderer sees it. Main holds the device token and the team key (sealed)
 * and makes every call to the team server; the renderer's RxDB replication pulls and pushes through here and
 * reads the live stream main keeps open. No secret crosses: the answers carry team data only.
 *
 * The wire shapes of documents and checkpoints are the team server's (shared/team/replication.ts); main checks
 * the server's answers against them, so this contract only bounds sizes.
 */

export type TeamRole = 'owner' | 'admin' | 'manager' | 'rep' | 'readonly';
export type TeamCollection = 'suppression' | 'audit' | 'team';

/** Why sync stopped or is failing, in a rep's words; `detail` is for the Details toggle. */
export interface TeamProblem {
  message: string;
  detail?: string;
  /** the team server's TLS certificate was refused: its causes and the certificate, to judge and maybe trust */
  certificate?: CertificateProblem;
}

export interface TeamStatus {
  joined: boolean;
  /** the team server's address (also the one-click unsubscribe address while joined) */
  server: string | null;
  teamId: string | null;
  teamName: string | null;
  role: TeamRole | null;
  memberEmail: string | null;
  /** the live stream to the team server is open */
  connected: boolean;
  /** when a pull last answered */
  lastPullAt: number | null;
  /** the last thing that went wrong, null once sync works again */
  problem: TeamProblem | null;
  /** this computer's device was revoked or its member removed: sync stopped */
  removed: boolean;
  /** the entries made before joining were moved to the team's key (the renderer does it once per join) */
  rekeyed: boolean;
  /** bumps on every change above that the renderer must act on (join, leave, removal, re-key) */
  version: number;
  /** the team server's own certificate the rep trusted (a private authority or self-signed), if any */
  trustedCertificate: TrustedCertificateView | null;
}

const checkpoint = z.object({ order: z.string().max(40), id: z.string().max(200) }).strict();
const collection = z.enum(['suppression', 'audit', 'team']);
const hexKey = z.string().regex(/^[0-9a-f]{64}$/);

/** One live-stream event for the renderer: rows for a collection, or RESYNC (pull again from your checkpoint). */
export interface TeamStreamEvent {
  seq: number;
  collection: TeamCollection;
  event:
    | { documents: Record<string, unknown>[]; checkpoint: { order: string; id: string } | null }
    | 'RESYNC';
}

export interface TeamEvents {
  events: TeamStreamEvent[];
  /** the status's version now: when it moved, the renderer reads `team.status` again */
  statusVersion: number;
}

export const joinRequestSchema = z
  .object({
    serverUrl: z.string().trim().min(1, 'Enter the team server address.').max(300),
    inviteCode: z.string().trim().min(1, 'Enter the invite code.').max(100),
    deviceName: z.string().trim().min(1).max(200),
    /** who is joining: needed for a shared code (an invite made without an email); empty means not given */
    email: z
      .string()
      .trim()
      .max(320)
      .regex(/^$|^[^\s@]+@[^\s@]+$/, 'That is not an email address.')
      .optional(),
    name: z.string().trim().max(200).optional(),
  })
  .strict();

const fingerprint256 = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

export const teamChannels = {
  /**
   * Trusts the certificate the team server at `serverUrl` shows now (for that host and port only), if its
   * fingerprint is the one the rep looked at: main reads the certificate itself and keeps it; the page never
   * supplies one. Every team request to that server then accepts exactly this certificate.
   */
  'team.trustCertificate': channel(
    z.object({ serverUrl: z.string().trim().min(1).max(300), fingerprint256 }).strict(),
  ).returns<TrustedCertificateView>(),
  /** Stops trusting the team server's certificate (the system's authorities decide again). */
  'team.forgetCertificate': channel(
    z.object({ serverUrl: z.string().trim().min(1).max(300) }).strict(),
  ).returns<null>(),
  'team.status': channel(z.object({}).strict()).returns<TeamStatus>(),
  /** The team's shared Postmaster Tools figures per domain per day, with today's verdict (every member). */
  'team.reputation': channel(z.object({}).strict()).returns<TeamReputationView>(),
  /** Joins with an invite code: main stores the device token and the team key sealed, and points unsubscribe links at the server. */
  'team.join': channel(joinRequestSchema).returns<TeamStatus>(),
  /** Leaves the team: the device token is forgotten (and revoked on the server when it answers). */
  'team.leave': channel(z.object({}).strict()).returns<TeamStatus>(),
  /** One pull of a collection after the server's checkpoint (RxDB's pull handler). */
  'team.pull': channel(
    z
      .object({ collection, checkpoint: checkpoint.nullable(), limit: z.number().int().min(1).max(1000) })
      .strict(),
  ).returns<{ documents: Record<string, unknown>[]; checkpoint: { order: string; id: string } | null }>(),
  /** One push (RxDB's push handler): answers the conflicts' master states. */
  'team.push': channel(
    z
      .object({
        collection: z.enum(['suppression', 'audit']),
        rows: z
          .array(
            z
              .object({
                assumedMasterState: z.record(z.string(), z.unknown()).optional(),
                newDocumentState: z.record(z.string(), z.unknown()),
              })
              .strict(),
          )
          .max(1000),
      })
      .strict(),
  ).returns<Record<string, unknown>[]>(),
  /** The live stream's events after `after`, waiting up to `waitMs` for one (a long poll). */
  'team.events': channel(
    z.object({ after: z.number().int().min(0), waitMs: z.number().int().min(0).max(25_000) }).strict(),
  ).returns<TeamEvents>(),
  /** Ids of entries made before joining that stay on this computer (keyed under its own key). */
  'team.localOnly': channel(z.object({}).strict()).returns<string[]>(),
  /**
   * The renderer moved the pre-join entries to the team key; `localOnly` are ids that stay on this computer
   * (sent in chunks), `done` on the last chunk marks the move finished.
   */
  'team.markRekeyed': channel(
    z
      .object({
        teamId: z.string().min(1).max(100),
        localOnly: z.array(hexKey).max(50_000),
        done: z.boolean(),
      })
      .strict(),
  ).returns<TeamStatus>(),
};
