import { createServer, Packet, type Resource } from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsCache } from '../../../shared/compliance/dns-cache';
import { checkRecipient } from '../../../shared/compliance/recipient';
import { checkSenderAuth } from '../../../shared/compliance/sender-auth';
import { createDnsResolver } from './resolver';

// A real DNS server on loopback (dns2 over UDP) serving a small zone; c-ares talks to it as to any server.
const DKIM_KEY = `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAz'.repeat(10)}`;
const chunks = (s: string) => s.match(/.{1,255}/gs) ?? []; // one TXT string carries at most 255 bytes

type Rr = { type: number; [field: string]: unknown };
const { TYPE } = Packet;
const ZONE: Record<string, Rr[] | 'servfail'> = {
  'acme.test': [
    { type: TYPE.MX, exchange: 'mx2.acme.test', priority: 20 },
    { type: TYPE.MX, exchange: 'MX1.acme.test', priority: 10 },
    { type: TYPE.TXT, data: ['v=spf1 include:_spf.google.com ~all'] },
    { type: TYPE.TXT, data: ['google-site-verification=abc'] },
  ],
  'google._domainkey.acme.test': [{ type: TYPE.TXT, data: chunks(DKIM_KEY) }],
  '_dmarc.acme.test': [{ type: TYPE.TXT, data: ['v=DMARC1; p=reject; adkim=s'] }],
  'bare.test': [{ type: TYPE.A, address: '192.0.2.10' }], // no MX: RFC 5321 implicit MX
  'v6only.test': [{ type: TYPE.AAAA, address: '2001:db8::1' }],
  'nullmx.test': [{ type: TYPE.MX, exchange: '', priority: 0 }],
  'nomail.test': [{ type: TYPE.TXT, data: ['v=spf1 -all'] }], // exists, but no MX and no address
  'broken.test': 'servfail',
};

function handle(request: Packet, send: (response: Packet) => Promise<Buffer>): void {
  const response = Packet.createResponseFromRequest(request);
  const [question] = request.questions;
  const records = question ? ZONE[question.name.toLowerCase()] : undefined;
  if (records === 'servfail') response.header.rcode = Packet.RCODE.SERVFAIL;
  else if (!records) response.header.rcode = Packet.RCODE.NXDOMAIN;
  else {
    for (const rr of records.filter((r) => r.type === question?.type)) {
      response.answers.push({
        name: question!.name,
        class: Packet.CLASS.IN,
        ttl: 300,
        ...rr,
      } as Resource);
    }
  }
  void send(response);
}

// TCP too: a 2048-bit DKIM key makes an answer over 512 bytes, which c-ares fetches again over TCP.
const udpServer = createServer({ udp: true, handle });
const tcpServer = createServer({ tcp: true, handle });

let servers: string[] = [];
beforeAll(async () => {
  // c-ares uses one port for both, so bind UDP first and TCP on the port it got.
  const { udp } = await udpServer.listen({ udp: { port: 0, address: '127.0.0.1' } });
  await tcpServer.listen({ tcp: { port: udp!.port, address: '127.0.0.1' } });
  servers = [`127.0.0.1:${udp!.port}`];
});
afterAll(() => Promise.all([udpServer.close(), tcpServer.close()]));

describe('createDnsResolver against a loopback DNS server', () => {
  it.each([
    [
      'MX records, best first, lower-cased',
      'acme.test',
      { kind: 'found', hosts: ['mx1.acme.test', 'mx2.acme.test'] },
    ],
    ['an A record alone is an implicit MX', 'bare.test', { kind: 'found', hosts: ['bare.test'] }],
    ['so is an AAAA record alone', 'v6only.test', { kind: 'found', hosts: ['v6only.test'] }],
    ['RFC 7505 null MX', 'nullmx.test', { kind: 'null-mx' }],
    ['a name with neither MX nor address', 'nomail.test', { kind: 'none' }],
    ['a name that does not exist', 'nowhere.test', { kind: 'nxdomain' }],
    ['a SERVFAIL', 'broken.test', { kind: 'error' }],
  ])('mx: %s', async (_, domain, expected) => {
    expect(await createDnsResolver({ servers }).mx(domain)).toEqual(expected);
  });

  it.each([
    ['records keep their character-strings', 'google._domainkey.acme.test', [chunks(DKIM_KEY)]],
    ['a name without TXT → []', 'bare.test', []],
    ['NXDOMAIN → "nxdomain"', '_dmarc.nowhere.test', 'nxdomain'],
  ])('txt: %s', async (_, name, expected) => {
    expect(await createDnsResolver({ servers }).txt(name)).toEqual(expected);
  });

  it('splits a long TXT record into 255-byte strings on the wire, which join back whole', async () => {
    const [record] = (await createDnsResolver({ servers }).txt('google._domainkey.acme.test')) as string[][];
    expect(record!.length).toBeGreaterThan(1);
    expect(record!.join('')).toBe(DKIM_KEY);
  });

  it('throws on a SERVFAIL TXT lookup, and reports an unreachable server as an error', async () => {
    await expect(createDnsResolver({ servers }).txt('broken.test')).rejects.toThrow(/ESERVFAIL/);
    // A loopback port where nothing listens: the ICMP refusal (or a timeout) must not look like "no MX".
    const dead = createDnsResolver({ servers: ['127.0.0.1:9'], timeoutMs: 300, tries: 1 });
    expect(await dead.mx('acme.test')).toEqual({ kind: 'error' });
    await expect(dead.txt('acme.test')).rejects.toThrow(/DNS lookup of acme.test failed/);
  });
});

describe('the gate’s DNS checks end to end through the resolver and its cache', () => {
  const dns = () => createDnsCache(createDnsResolver({ servers }), { ttlMs: 60_000, now: () => 0 });

  it('passes a Workspace sender domain whose DKIM key arrives in several strings', async () => {
    const result = await checkSenderAuth({ domain: 'acme.test', kind: 'gmail' }, dns());
    expect(result).toMatchObject({ verdict: 'ok', reasons: [], dkimSelector: 'google' });
    expect(result.dmarc).toMatchObject({ policy: 'reject', adkim: 'strict', aspf: 'relaxed' });
  });

  it('blocks a sender domain without records, naming the records to add', async () => {
    const result = await checkSenderAuth({ domain: 'bare.test', kind: 'outlook' }, dns());
    expect(result.verdict).toBe('block');
    expect(result.reasons.map((r) => r.code)).toEqual(['spf-missing', 'dkim-missing', 'dmarc-missing']);
    expect(result.reasons[0]?.fix).toBe(
      'Add a TXT record at bare.test with the value: v=spf1 include:spf.protection.outlook.com ~all',
    );
  });

  it.each([
    ['jane@acme.test', 'ok', []],
    ['jane@bare.test', 'ok', []],
    ['info@acme.test', 'warn', ['role-account']],
    ['jane@nullmx.test', 'block', ['null-mx']],
    ['jane@nomail.test', 'block', ['no-mx']],
    ['jane@nowhere.test', 'block', ['domain-not-found']],
    ['jane@broken.test', 'block', ['dns-unavailable']],
  ])('recipient %s → %s %j', async (address, verdict, codes) => {
    const cache = dns();
    const domain = address.split('@')[1]!;
    const mx = await cache.mx(domain);
    const result = checkRecipient(address, { mx });
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
    // Once answered, the gate can decide without waiting (errors are not cached, so they are retried).
    expect(cache.peekMx(domain)).toEqual(mx.kind === 'error' ? undefined : mx);
  });
});
