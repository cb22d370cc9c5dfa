import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';
import { createAttemptLimiter } from './attempts';

describe('attempt limiter', () => {
  it('refuses a client after max failures until the window ends, then forgets', () => {
    let now = 0;
    const limiter = createAttemptLimiter({ max: 2, windowMs: 1000, now: () => now });
    limiter.failed('a');
    expect(limiter.blockedFor('a')).toBe(0);
    limiter.failed('a');
    expect(limiter.blockedFor('a')).toBe(1000);
    expect(limiter.blockedFor('b')).toBe(0);
    now = 1000;
    expect(limiter.blockedFor('a')).toBe(0);
  });

  it('remembers at most `capacity` clients', () => {
    const limiter = createAttemptLimiter({ max: 1, windowMs: 1000, capacity: 2, now: () => 0 });
    for (const client of ['a', 'b', 'c']) limiter.failed(client);
    expect(limiter.blockedFor('a')).toBe(0);
    expect(limiter.blockedFor('c')).toBe(1000);
  });
});

describe.each(BACKENDS)('rate limits on %s', (backend) => {
  let t: TestDb;
  let team: TestTeam;
  beforeAll(async () => {
    t = await openTestDb(backend);
    team = await makeTeam(t.db, 'Limits');
  }, OPEN_TIMEOUT_MS);
  afterAll(() => t?.dispose());

  it('after too many bad tokens a client is refused, even with a good one', async () => {
    const app = await makeApp(t.db, { failedAttempts: 3 });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({
          method: 'GET',
          url: '/v1/me',
          headers: bearer(`${team.token.slice(0, -2)}xx`),
        });
        expect(res.statusCode).toBe(401);
      }
      const good = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(team.token) });
      expect(good.statusCode).toBe(429);
      expect(good.json().error.code).toBe('rate-limited');
      const elsewhere = await app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: bearer(team.token),
        remoteAddress: '10.1.2.3',
      });
      expect(elsewhere.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('invite codes: wrong guesses count against the client, and /v1/join has its own request limit', async () => {
    const app = await makeApp(t.db, { failedAttempts: 2, joinPerMinute: 5 });
    try {
      const guess = () =>
        app.inject({
          method: 'POST',
          url: '/v1/join',
          payload: { code: 'fsi_AAAAAAAAAAAAAAAAAAAAAA', deviceName: 'x' },
        });
      expect((await guess()).statusCode).toBe(403);
      expect((await guess()).statusCode).toBe(403);
      expect((await guess()).statusCode).toBe(429);
      expect((await guess()).statusCode).toBe(429);
      expect((await guess()).statusCode).toBe(429);
      const sixth = await guess();
      expect(sixth.statusCode).toBe(429);
      expect(sixth.headers['x-ratelimit-remaining']).toBe('0');
    } finally {
      await app.close();
    }
  });

  it('every route has a per-client request limit (unsubscribe included)', async () => {
    const app = await makeApp(t.db, { unsubscribePerMinute: 2, perMinute: 3 });
    try {
      const url = `/u/${unsubscribeToken(team.key, 'lim@example.com')}`;
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'GET', url })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      const me = [];
      for (let i = 0; i < 4; i++) {
        me.push((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(team.token) })).statusCode);
      }
      expect(me).toEqual([200, 200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});
