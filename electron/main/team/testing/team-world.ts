import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInvite } from '../../../../server/src/accounts/invites';
import type { App } from '../../../../server/src/app';
import type { Role } from '../../../../server/src/auth/roles';
import { openTestDb, type TestDb } from '../../../../server/src/testing/backends';
import { makeApp, makeTeam, type TestTeam } from '../../../../server/src/testing/fixtures';
import { createKeySealer } from '../../secrets/sealer';
import { createProfileStore } from '../../settings/profile-store';
import { createFileStore } from '../../vault/file-store';
import { createVault } from '../../vault/vault';
import { createTeamKeyring } from '../team-keyring';
import { createTeamService } from '../team-service';
import { openTeamState } from '../team-state';

/** A real team server on PGlite, listening on loopback, with a team and its owner. */
export interface ServerWorld {
  t: TestDb;
  app: App;
  base: string;
  team: TestTeam;
  invite(role?: Exclude<Role, 'owner'>, ttlHours?: number, email?: string): Promise<string>;
  /** stops answering (the server goes away); `start` brings a new instance back on the same port and data */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startServerWorld(): Promise<ServerWorld> {
  const t = await openTestDb('pglite');
  const app = await makeApp(t.db);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const team = await makeTeam(t.db, 'Acme Sales', 'owner@acme.test');
  const owner = {
    teamId: team.teamId,
    memberId: team.memberId,
    deviceId: team.deviceId,
    role: 'owner' as const,
  };
  let n = 0;
  let running = true;
  const world: ServerWorld = {
    t,
    app,
    base,
    team,
    async invite(role = 'rep', ttlHours = 1, email = `rep${++n}@acme.test`) {
      return (await createInvite(t.db, owner, { email, role, ttlHours })).code;
    },
    async stop() {
      running = false;
      await world.app.close();
    },
    async start() {
      world.app = await makeApp(t.db);
      await world.app.listen({ host: '127.0.0.1', port: Number(new URL(base).port) });
      running = true;
    },
    async close() {
      if (running) await world.app.close();
      await t.dispose();
    },
  };
  return world;
}

/** A desktop's main-side team pieces over real files: state, sealed keys, the vault and the profile. */
export async function desktopMain(name = 'desk') {
  const dir = await mkdtemp(join(tmpdir(), `fairsend-team-${name}-`));
  const sealer = createKeySealer(Buffer.alloc(32, 7));
  const ciphertexts = createFileStore(join(dir, 'vault.json'));
  const vault = createVault(ciphertexts, sealer);
  const state = openTeamState(join(dir, 'team.json'), join(dir, 'team-local-only.json'));
  const keyring = createTeamKeyring({ dir, sealer, history: state.history });
  const profile = createProfileStore(join(dir, 'compliance-profile.json'));
  const team = createTeamService({ state, keyring, vault, profile, now: Date.now, maxStreamBackoffMs: 2000 });
  return {
    dir,
    sealer,
    ciphertexts,
    vault,
    state,
    keyring,
    profile,
    team,
    async close() {
      team.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
export type DesktopMain = Awaited<ReturnType<typeof desktopMain>>;
