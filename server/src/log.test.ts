import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { OPEN_TIMEOUT_MS, openTestDb, type TestDb } from './testing/backends';
import { bearer, makeTeam, unsubscribeToken } from './testing/fixtures';

describe('logs', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('postgres');
  }, OPEN_TIMEOUT_MS);
  afterAll(() => t?.dispose());

  it('carry no device token, invite code, unsubscribe token or team key', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      db: t.db,
      logLevel: 'debug',
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      const team = await makeTeam(t.db, 'Logged');
      const invite = await app.inject({
        method: 'POST',
        url: '/v1/invites',
        headers: bearer(team.token),
        payload: { email: 'rep@logged.test', role: 'rep' },
      });
      const code = invite.json().value.code as string;
      const joined = await app.inject({
        method: 'POST',
        url: '/v1/join',
        payload: { code, deviceName: 'x' },
      });
      const repToken = joined.json().value.token as string;
      await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(`${repToken.slice(0, -1)}Z`) });
      const token = unsubscribeToken(team.key, 'jane@example.com');
      await app.inject({ method: 'POST', url: `/u/${token}` });
      await app.inject({ method: 'GET', url: `/u/${token}?x=1` });
      const text = lines.join('');
      expect(text).toContain('/u/[token]');
      expect(text).toContain('/v1/me');
      for (const secret of [
        team.token,
        repToken,
        repToken.slice(16),
        code,
        token,
        token.split('.')[1]!,
        team.key,
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});
