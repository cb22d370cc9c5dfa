import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('server configuration', () => {
  it('with nothing set: PGlite in .fairsend-server on 127.0.0.1:8787, plain HTTP, no proxy trusted', () => {
    const config = readConfig({}, '/srv/app');
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: '/srv/app/.fairsend-server',
      databaseUrl: null,
      tls: null,
      trustProxy: false,
      logLevel: 'info',
    });
  });

  it('reads HOST, PORT, DATA_DIR, DATABASE_URL, TRUST_PROXY', () => {
    const config = readConfig(
      {
        HOST: '0.0.0.0',
        PORT: '443',
        DATA_DIR: '/var/lib/fairsend',
        DATABASE_URL: 'postgres://u:p@db:5432/fs',
        TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 443,
      dataDir: '/var/lib/fairsend',
      databaseUrl: 'postgres://u:p@db:5432/fs',
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
    });
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('a bad value stops start-up with a line naming it', async () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/^PORT/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/^PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL/);
    expect(() => readConfig({ TLS_CERT: '/x.pem' })).toThrow(/TLS_CERT and TLS_KEY/);
    expect(() => readConfig({ TLS_CERT: '/nope/c.pem', TLS_KEY: '/nope/k.pem' })).toThrow(
      /^TLS_CERT: cannot read/,
    );
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-config-'));
    await writeFile(join(dir, 'c.pem'), 'cert');
    await writeFile(join(dir, 'k.pem'), 'key');
    expect(readConfig({ TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' }, dir).tls).toEqual({
      cert: Buffer.from('cert'),
      key: Buffer.from('key'),
    });
  });
});
