import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dnsServersRequestSchema } from '../../../shared/ipc/settings';
import { createDnsSettingsStore } from './dns-settings';

describe('DNS servers setting', () => {
  it('prefers the rep’s choice, then FAIRSEND_DNS_SERVERS, then the system’s, and survives a restart', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-dns-')), 'dns-servers.json');
    const applied: (string[] | undefined)[] = [];
    const open = () =>
      createDnsSettingsStore(file, { fromEnvironment: ['10.0.0.1'], apply: (s) => applied.push(s) });
    expect(open().status()).toEqual({ servers: ['10.0.0.1'], from: 'environment' });
    open().set(['1.1.1.1', '127.0.0.1:5353']);
    expect(open().status()).toEqual({ servers: ['1.1.1.1', '127.0.0.1:5353'], from: 'settings' });
    open().set([]);
    const system = createDnsSettingsStore(file, { apply: (s) => applied.push(s) });
    expect(system.status()).toEqual({ servers: [], from: 'system' });
    expect(applied).toEqual([
      ['10.0.0.1'],
      ['10.0.0.1'],
      ['1.1.1.1', '127.0.0.1:5353'],
      ['1.1.1.1', '127.0.0.1:5353'],
      ['1.1.1.1', '127.0.0.1:5353'],
      ['10.0.0.1'],
      undefined,
    ]);
  });
});

describe('the bridge’s check of a DNS servers request', () => {
  it('refuses a name or a bad port with a message that names the entry', () => {
    const bad = dnsServersRequestSchema.safeParse({ servers: ['1.1.1.1', 'dns.google'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/"dns.google" is not a DNS server address/);
    expect(dnsServersRequestSchema.safeParse({ servers: ['127.0.0.1:5353'] }).success).toBe(true);
  });
});
