import { AppError, type AppErrorShape } from '../../../shared/ipc/result';
import {
  type CertificateEndpoint,
  type CertificateProblem,
  causesOf,
  certificateMessage,
  type TrustedCertificateView,
  trustable,
} from '../../../shared/mailboxes/certificate-problems';
import type { ImapOptions, ImapReader } from '../send/transports/imap-reader';
import type { SmtpOptions, SmtpTransport } from '../send/transports/smtp-transport';
import { causesAgainstPin } from './pinned-causes';
import type { CertificateProbe } from './probe';
import type { TrustStore } from './trust-store';

const SERVER = { smtp: 'mail server', imap: 'IMAP server', https: 'team server' } as const;

/**
 * Certificates the rep trusted, applied to every SMTP and IMAP connection main makes, and the explanation of a
 * refused one: the server is asked for its certificate (probe.ts) and the refusal names every cause with it.
 */
export function createCertificateTrust(deps: {
  store: TrustStore;
  probe: CertificateProbe;
  now: () => number;
}) {
  const { store, probe, now } = deps;

  /** A refusal for a certificate, made specific: the causes found on the certificate the server shows now. */
  async function explain<E extends AppErrorShape>(endpoint: CertificateEndpoint, refusal: E): Promise<E> {
    if (!refusal.certificate) return refusal;
    let reading: Awaited<ReturnType<CertificateProbe>>;
    try {
      reading = await probe(endpoint);
    } catch {
      return refusal; // the server could not be asked again: the cause from the failed connection stands
    }
    const causes = causesAgainstPin(reading, store.pinFor(endpoint.host, endpoint.port), now());
    const certificate: CertificateProblem = {
      causes: causes.length ? causes : refusal.certificate.causes,
      endpoint,
      certificate: reading.certificate,
      canTrust: trustable(causes),
    };
    return { ...refusal, message: certificateMessage(certificate, SERVER[endpoint.protocol]), certificate };
  }

  /** The one certificate the server shows now becomes trusted, if it is the one the rep looked at. */
  async function trust(endpoint: CertificateEndpoint, fingerprint256: string) {
    const reading = await probe(endpoint).catch(() => {
      throw new AppError(
        'transient',
        'The server did not answer, so its certificate was not trusted. Try again.',
      );
    });
    if (reading.certificate.fingerprint256 !== fingerprint256) {
      throw new AppError(
        'conflict',
        'The server now shows a different certificate from the one you looked at. Nothing was trusted; check it again.',
      );
    }
    if (!trustable(causesOf(reading, now()))) {
      throw new AppError(
        'rejected-permanent',
        'An expired or not yet valid certificate cannot be trusted. Whoever runs the server must renew it.',
      );
    }
    const { subject, issuer, validTo } = reading.certificate;
    store.add({
      host: endpoint.host,
      port: endpoint.port,
      subject,
      issuer,
      validTo,
      fingerprint256,
      pem: reading.pem,
      trustedAt: now(),
    });
    return store.list();
  }

  /**
   * Transports see the pin for their host and port; after a change of trust the next call builds a fresh one
   * (a pooled transport keeps its options for life).
   */
  function rebuilding<T extends { close(): Promise<void> }>(build: () => T) {
    let version = store.version();
    let current = build();
    return {
      async fresh(): Promise<T> {
        if (store.version() !== version) {
          const old = current;
          version = store.version();
          current = build();
          await old.close();
        }
        return current;
      },
      close: () => current.close(),
    };
  }

  const endpointOf = (
    protocol: CertificateEndpoint['protocol'],
    o: { host: string; port: number; security: string },
  ): CertificateEndpoint | null =>
    o.security === 'tls' || o.security === 'starttls'
      ? { protocol, host: o.host, port: o.port, security: o.security }
      : null;

  async function explained<R extends { ok: boolean; error?: AppErrorShape }>(
    endpoint: CertificateEndpoint | null,
    result: R,
  ): Promise<R> {
    if (result.ok || !endpoint || !result.error?.certificate) return result;
    return { ...result, error: await explain(endpoint, result.error) };
  }

  return {
    list: () => store.list(),
    trust,
    remove(host: string, port: number): TrustedCertificateView[] {
      store.remove(host, port);
      return store.list();
    },

    smtpTransports(make: (options: SmtpOptions) => SmtpTransport) {
      return (options: SmtpOptions): SmtpTransport => {
        const endpoint = endpointOf('smtp', options);
        const t = rebuilding(() => make({ ...options, pinned: store.pinFor(options.host, options.port) }));
        return {
          kind: 'smtp',
          deliver: async (message, commit) =>
            explained(endpoint, await (await t.fresh()).deliver(message, commit)),
          findSent: async (messageId) => (await t.fresh()).findSent(messageId),
          // the Sent copy goes over IMAP (the reader's own trust), not through this connection
          ...(options.saveSentCopy ? { saveSentCopy: options.saveSentCopy } : {}),
          verify: async () => explained(endpoint, await (await t.fresh()).verify()),
          close: t.close,
        };
      };
    },

    imapReaders(make: (options: ImapOptions) => ImapReader) {
      return (options: ImapOptions): ImapReader => {
        const endpoint = endpointOf('imap', options);
        const t = rebuilding(() => make({ ...options, pinned: store.pinFor(options.host, options.port) }));
        return {
          verify: async () => explained(endpoint, await (await t.fresh()).verify()),
          findSent: async (messageId) => (await t.fresh()).findSent(messageId),
          appendSent: async (raw) => (await t.fresh()).appendSent(raw),
          fetchInbox: async (cursor) => explained(endpoint, await (await t.fresh()).fetchInbox(cursor)),
          close: t.close,
        };
      };
    },
  };
}

export type CertificateTrust = ReturnType<typeof createCertificateTrust>;
