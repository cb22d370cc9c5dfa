import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecipient } from '../../../shared/compliance/recipient';
import { checkSenderAuth } from '../../../shared/compliance/sender-auth';
import { type LoopbackDns, startLoopbackDns } from '../testing/loopback-dns';
import { createDnsService } from './dns-service';

// Real DNS servers on loopback: one that knows the rep's domain, one that answers NXDOMAIN for every name
// (a captive portal, a broken forwarder), and a port where nothing listens (the resolver is down).
let healthy: LoopbackDns;
let nxEverything: LoopbackDns;
let closedPort: string;
beforeAll(async () => {
  healthy = await startLoopbackDns({
    mx: { 'acme.test': [[10, 'mx.acme.test']], 'prospect.test': [[10, 'mx.prospect.test']] },
    txt: { 'acme.test': ['v=spf1 include:_spf.google.com ~all'] },
  });
  nxEverything = await startLoopbackDns({});
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  closedPort = `127.0.0.1:${socket.address().port}`;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
});
afterAll(() => Promise.all([healthy.close(), nxEverything.close()]));

const service = (servers: string[]) =>
  createDnsService({
    servers,
    now: Date.now,
    canaries: () => ['acme.test'], // the rep's own sending domain
    resolver: { timeoutMs: 300, tries: 1 },
  });

describe('a DNS server that says every name does not exist', () => {
  it('says DNS is failing on this computer — not that the lead’s domain does not exist', async () => {
    const dns = service([nxEverything.server]).cache;
    const mx = await dns.mx('prospect.test');
    expect(mx).toEqual({ kind: 'dns-failing' });
    const result = checkRecipient('ana@prospect.test', { mx });
    expect(result.reasons.map((r) => r.code)).toEqual(['dns-failing']);
    expect(result.reasons[0]?.message).toMatch(/DNS lookups are failing on this computer/);
    expect(result.reasons[0]?.fix).toMatch(/online.*VPN.*DNS servers/s);
    // the canaries were really asked, at the server
    expect(nxEverything.queries).toContain('gmail.com/15');
    // nothing is cached: once DNS works again the real answer comes
    expect(dns.peekMx('prospect.test')).toBeUndefined();
  });

  it('says the same about the rep’s own domain instead of "add SPF, DKIM and DMARC records"', async () => {
    const result = await checkSenderAuth(
      { domain: 'acme.test', kind: 'gmail' },
      service([nxEverything.server]).cache,
    );
    expect(result.reasons.map((r) => r.code)).toEqual(['dns-failing']);
  });
});

describe('a DNS server that is down', () => {
  it('says DNS is failing, for the lead and for the sender', async () => {
    const dns = service([closedPort]).cache;
    expect(await dns.mx('prospect.test')).toEqual({ kind: 'dns-failing' });
    const auth = await checkSenderAuth({ domain: 'acme.test', kind: 'gmail' }, dns);
    expect(auth.reasons.map((r) => r.code)).toEqual(['dns-failing']);
  });
});

describe('a working DNS server', () => {
  it('still says a missing domain does not exist (a canary answered)', async () => {
    const dns = service([healthy.server]).cache;
    const mx = await dns.mx('nowhere.test');
    expect(mx).toEqual({ kind: 'nxdomain' });
    expect(checkRecipient('ana@nowhere.test', { mx }).reasons.map((r) => r.code)).toEqual([
      'domain-not-found',
    ]);
    expect(await dns.mx('prospect.test')).toEqual({ kind: 'found', hosts: ['mx.prospect.test'] });
  });

  it('follows a change of servers at once (Settings → Advanced)', async () => {
    const dns = service([nxEverything.server]);
    expect(await dns.cache.mx('prospect.test')).toEqual({ kind: 'dns-failing' });
    dns.useServers([healthy.server]);
    expect(await dns.cache.mx('prospect.test')).toEqual({ kind: 'found', hosts: ['mx.prospect.test'] });
  });
});
