import { Resolver } from 'node:dns/promises';
import dns2 from 'dns2';

const { Packet } = dns2;

/** A zone for tests: TXT values are whole strings (split into 255-byte chunks on the wire), MX as [priority, host]. */
export interface TestZone {
  txt?: Record<string, string[]>;
  mx?: Record<string, [number, string][]>;
  a?: Record<string, string[]>;
}

export interface LoopbackDns {
  /** `127.0.0.1:<port>`, for `Resolver.setServers` */
  server: string;
  /** a Node resolver pointed at this server */
  resolver: Resolver;
  zone: TestZone;
  queries: string[];
  close(): Promise<void>;
}

const chunks = (value: string): string[] => value.match(/.{1,255}/gs) ?? [''];

/** A real DNS server on 127.0.0.1 (UDP and TCP) answering from a zone the test controls; unknown names get NXDOMAIN. */
export async function startLoopbackDns(zone: TestZone): Promise<LoopbackDns> {
  const queries: string[] = [];
  const handle: Handle = (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const [question] = request.questions;
    if (!question) return send(response);
    const name = question.name.toLowerCase();
    queries.push(`${name}/${question.type}`);
    const known = [zone.txt, zone.mx, zone.a].some((records) => records && name in records);
    if (!known) response.header.rcode = Packet.RCODE.NXDOMAIN;
    if (question.type === Packet.TYPE.TXT) {
      for (const value of zone.txt?.[name] ?? []) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 300, data: chunks(value) }));
      }
    }
    if (question.type === Packet.TYPE.MX) {
      for (const [priority, exchange] of zone.mx?.[name] ?? []) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 300, priority, exchange }));
      }
    }
    if (question.type === Packet.TYPE.A) {
      for (const address of zone.a?.[name] ?? []) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 300, address }));
      }
    }
    send(response);
  };
  const { udp, tcp, port } = await listenOnOnePort(handle);
  const address = `127.0.0.1:${port}`;
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([address]);
  return {
    server: address,
    resolver,
    zone,
    queries,
    close: async () => void (await Promise.all([udp.close(), tcp.close()])),
  };
}

type Handle = Parameters<typeof dns2.createServer>[0]['handle'];

/**
 * UDP, and TCP on the same port: an answer over 512 bytes (a 2048-bit DKIM key) is fetched again over TCP. The
 * system picks a free UDP port, which another process may hold for TCP (a parallel test's listener or an
 * outgoing connection): then both are given up and another port is tried.
 */
async function listenOnOnePort(handle: Handle, attempts = 20) {
  for (let attempt = 1; ; attempt++) {
    const udp = dns2.createServer({ udp: true, handle });
    const tcp = dns2.createServer({ tcp: true, handle });
    const port = (await udp.listen({ udp: { port: 0, address: '127.0.0.1' } })).udp?.port ?? 0;
    try {
      // dns2's listen() only ever resolves: a refused port is its server's 'error' event
      await new Promise((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ tcp: { port, address: '127.0.0.1' } }).then(resolve, reject);
      });
      return { udp, tcp, port };
    } catch (error) {
      await udp.close();
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || attempt >= attempts) throw error;
    }
  }
}
