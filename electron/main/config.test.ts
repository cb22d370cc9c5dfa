import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../shared/config/env-vars';
import { readMainConfig } from './config';

const ROOT = join(import.meta.dirname, '../..');

describe('readMainConfig', () => {
  it('gives the defaults when nothing is set, and ignores empty variables', () => {
    const config = readMainConfig({ FAIRSEND_PORT: '', OTHER: 'x' });
    expect(config.browser.port).toBe(5199);
    expect(config.browser.dataDir).toBe(join(process.cwd(), '.fairsend-dev'));
    expect(config.oauthEndpoints).toEqual({ google: {}, microsoft: {} });
  });

  it('names the variable that is wrong instead of falling back', () => {
    expect(() => readMainConfig({ FAIRSEND_PORT: 'abc' })).toThrow(/FAIRSEND_PORT/);
    expect(() => readMainConfig({ FAIRSEND_PORT: '70000' })).toThrow(/FAIRSEND_PORT/);
    expect(() => readMainConfig({ FAIRSEND_GRAPH_BASE_URL: 'graph.local' })).toThrow(
      /FAIRSEND_GRAPH_BASE_URL/,
    );
    expect(() => readMainConfig({ FAIRSEND_DEV_VAULT_KEY: 'short' })).toThrow(/FAIRSEND_DEV_VAULT_KEY/);
  });

  it('passes endpoints and browser-mode settings through', () => {
    const config = readMainConfig({
      FAIRSEND_PORT: '6001',
      FAIRSEND_GMAIL_API_BASE_URL: 'http://127.0.0.1:9/gmail',
      FAIRSEND_SMTP_CA: '/tmp/ca.pem',
    });
    expect(config.browser).toMatchObject({ port: 6001, smtpCaFile: '/tmp/ca.pem' });
    expect(config.oauthEndpoints.google).toEqual({ gmailApiBaseUrl: 'http://127.0.0.1:9/gmail' });
    expect(
      readMainConfig({ FAIRSEND_POSTMASTER_API_BASE_URL: 'http://127.0.0.1:9' }).oauthEndpoints.google,
    ).toEqual({ postmasterApiBaseUrl: 'http://127.0.0.1:9' });
    expect(() => readMainConfig({ FAIRSEND_POSTMASTER_API_BASE_URL: 'postmaster.local' })).toThrow(
      /FAIRSEND_POSTMASTER_API_BASE_URL/,
    );
  });
});

describe('FAIRSEND_DNS_SERVERS', () => {
  it('gives the DNS servers, ip or ip:port, and names the variable when an entry is wrong', () => {
    expect(readMainConfig({ FAIRSEND_DNS_SERVERS: '127.0.0.1:5353, 1.1.1.1' }).dnsServers).toEqual([
      '127.0.0.1:5353',
      '1.1.1.1',
    ]);
    expect(readMainConfig({}).dnsServers).toBeUndefined();
    expect(() => readMainConfig({ FAIRSEND_DNS_SERVERS: 'dns.google' })).toThrow(
      /FAIRSEND_DNS_SERVERS.*dns\.google/,
    );
  });
});

describe('the FAIRSEND_* variables', () => {
  const tracked = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '.ci/run'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && !f.startsWith('shared/config/'));
  const uses = tracked.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/FAIRSEND_[A-Z0-9_]*[A-Z0-9]/g)].map((m) => ({
      file,
      name: m[0],
    })),
  );

  it('are all declared in the one list', () => {
    const unknown = uses.filter((u) => !(u.name in ENV_VARS));
    expect(unknown).toEqual([]);
  });

  it('are read from the environment by main in one module only', () => {
    const readers = tracked.filter(
      (f) =>
        f.startsWith('electron/') &&
        /process\.env\.FAIRSEND_|env\.FAIRSEND_/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(readers.filter((f) => !f.endsWith('.test.ts'))).toEqual([]);
  });

  it('are each listed in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(Object.keys(ENV_VARS).filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
