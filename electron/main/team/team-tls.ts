import { Agent, type RequestInit, fetch as undiciFetch } from 'undici';
import { AppError } from '../../../shared/ipc/result';
import {
  type CertificateEndpoint,
  type CertificateProblem,
  causesOf,
  certificateCause,
  certificateMessage,
  type TrustedCertificateView,
  trustable,
} from '../../../shared/mailboxes/certificate-problems';
import { causesAgainstPin } from '../certificates/pinned-causes';
import type { CertificateProbe } from '../certificates/probe';
import type { TrustStore } from '../certificates/trust-store';
import { tlsTrustOptions } from '../send/transports/tls-trust';
import type { TeamTransport } from './team-client';

const SERVER = 'team server';

/** The host and port of a team server's address (https: 443 unless it says otherwise). */
export function endpointOf(base: string): CertificateEndpoint {
  const url = new URL(base);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return { protocol: 'https', host: url.hostname.replace(/^\[|\]$/g, ''), port, security: 'tls' };
}

/**
 * A team server's certificate the rep trusted (a private authority, a self-signed certificate): pinned by its
 * fingerprint for that host and port, kept in main's data folder (certificates are public; the page never holds
 * one), and used by every request to that server through undici's Agent (`connect` takes the pin as the only
 * anchor). A refused certificate is explained from the server's own certificate (probe.ts).
 */
export function createTeamTls(deps: { store: TrustStore; probe: CertificateProbe; now: () => number }) {
  const { store, probe, now } = deps;
  const agents = new Map<string, Agent>();

  function dispatcherFor(base: string): Agent | undefined {
    if (!base.startsWith('https:')) return undefined;
    const { host, port } = endpointOf(base);
    const pinned = store.pinFor(host, port);
    if (!pinned) return undefined;
    const key = `${host}:${port}:${pinned.fingerprint256}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new Agent({ connect: tlsTrustOptions({ pinned }) });
      agents.set(key, agent);
    }
    return agent;
  }

  /** The rep's words for a refused certificate, with the certificate the server shows now (when it answers). */
  async function explain(
    base: string,
    code: string,
  ): Promise<{ message: string; problem: CertificateProblem }> {
    const endpoint = endpointOf(base);
    const first = certificateCause(code) ?? 'unverifiable';
    let problem: CertificateProblem = { causes: [first], endpoint, canTrust: trustable([first]) };
    try {
      const reading = await probe(endpoint);
      const causes = causesAgainstPin(reading, store.pinFor(endpoint.host, endpoint.port), now());
      const final = causes.length ? causes : [first];
      problem = { causes: final, endpoint, certificate: reading.certificate, canTrust: trustable(final) };
    } catch {
      // the server could not be asked again: the cause from the failed connection stands
    }
    return { message: certificateMessage(problem, SERVER), problem };
  }

  const transport: TeamTransport = {
    fetch: (base, url, init) => {
      const dispatcher = dispatcherFor(base);
      return undiciFetch(url, {
        ...(init as RequestInit),
        ...(dispatcher ? { dispatcher } : {}),
      }) as unknown as Promise<Response>;
    },
    explain,
  };

  return {
    transport,
    /** fetch for a team server: its trusted certificate when the rep pinned one, the system's authorities else */
    fetch: transport.fetch,
    explain,
    /** the pinned certificate for this server (the profile's health check uses it too) */
    pinFor(base: string) {
      if (!base.startsWith('https:')) return undefined;
      const { host, port } = endpointOf(base);
      return store.pinFor(host, port);
    },
    /** the pin for this server, as Settings → Team shows it */
    trustedFor(base: string): TrustedCertificateView | null {
      const { host, port } = endpointOf(base);
      return store.list().find((c) => c.host === host.toLowerCase() && c.port === port) ?? null;
    },
    /** Trusts the certificate the server shows now, if it is the one the rep looked at and within its dates. */
    async trust(base: string, fingerprint256: string): Promise<TrustedCertificateView> {
      const endpoint = endpointOf(base);
      const reading = await probe(endpoint).catch(() => {
        throw new AppError(
          'transient',
          'The team server did not answer, so its certificate was not trusted. Try again.',
        );
      });
      if (reading.certificate.fingerprint256 !== fingerprint256)
        throw new AppError(
          'conflict',
          'The team server now shows a different certificate from the one you looked at. Nothing was trusted; check it again.',
        );
      if (!trustable(causesOf(reading, now())))
        throw new AppError(
          'rejected-permanent',
          'An expired or not yet valid certificate cannot be trusted. Whoever runs the team server must renew it.',
        );
      const { subject, issuer, validTo } = reading.certificate;
      const host = endpoint.host.toLowerCase();
      store.add({
        host,
        port: endpoint.port,
        subject,
        issuer,
        validTo,
        fingerprint256,
        pem: reading.pem,
        trustedAt: now(),
      });
      const view = store.list().find((c) => c.host === host && c.port === endpoint.port);
      if (!view) throw new Error('trusted certificate not stored');
      return view;
    },
    forget(base: string): void {
      const { host, port } = endpointOf(base);
      store.remove(host.toLowerCase(), port);
    },
    async close(): Promise<void> {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.close().catch(() => {})));
    },
  };
}

export type TeamTls = ReturnType<typeof createTeamTls>;
