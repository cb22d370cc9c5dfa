import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL } from '../testing/backends';
import { type Change, NOTIFY_CHANNEL, type Notifier, parseNotifyPayload } from './notifier';
import { createPgNotifier } from './pg-notifier';

describe('the LISTEN/NOTIFY notifier on PostgreSQL', () => {
  const name = `fairsend-test-${randomBytes(4).toString('hex')}`;
  let notifier: Notifier;
  let admin: pg.Client;
  const changes: Change[] = [];
  const waiters: (() => void)[] = [];
  const until = (test: (c: Change) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (changes.some(test) ? resolve() : waiters.push(check));
      check();
    });

  beforeAll(async () => {
    notifier = await createPgNotifier(PG_URL, { retryMs: 10, applicationName: name });
    notifier.subscribe((change) => {
      changes.push(change);
      for (const wake of waiters.splice(0)) wake();
    });
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await notifier?.close();
    await admin?.end();
  });

  it('reads only well-formed payloads', () => {
    expect(parseNotifyPayload('tm suppression')).toEqual({ teamId: 'tm', collection: 'suppression' });
    for (const bad of [undefined, '', 'tm', 'tm leads', 'tm audit extra', ' audit']) {
      expect(parseNotifyPayload(bad), String(bad)).toBeNull();
    }
  });

  it('hears a NOTIFY sent from another connection', async () => {
    const teamId = `t${randomBytes(4).toString('hex')}`;
    await admin.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, `${teamId} audit`]);
    await until((c) => c !== 'reconnected' && c.teamId === teamId && c.collection === 'audit');
  });

  it('comes back after PostgreSQL drops its connection, says so (streams resync), and hears again', async () => {
    const killed = await admin.query<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
      [name],
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    await until((c) => c === 'reconnected');
    const teamId = `t${randomBytes(4).toString('hex')}`;
    await admin.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, `${teamId} team`]);
    await until((c) => c !== 'reconnected' && c.teamId === teamId);
  });
});
