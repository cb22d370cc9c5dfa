import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Page } from '@playwright/test';
import { generateLeadsCsv } from '../bench/generate-leads';
import { probeCertificate } from '../electron/main/certificates/probe';
import { createHandlers } from '../electron/main/handlers';
import { createKeySealer, loadDevVaultKey } from '../electron/main/secrets/sealer';
import { createImapReader } from '../electron/main/send/transports/imap-reader';
import { createSmtpTransport } from '../electron/main/send/transports/smtp-transport';
import { createMainServices, type ServiceOptions } from '../electron/main/services';
import { type LoopbackDns, startLoopbackDns } from '../electron/main/testing/loopback-dns';
import { type LoopbackImap, startLoopbackImap } from '../electron/main/testing/loopback-imap';
import { type LoopbackSmtp, startLoopbackSmtp } from '../electron/main/testing/loopback-smtp';
import { selfSignedCertificate, testCertificate } from '../electron/main/testing/self-signed';
import { createFileStore } from '../electron/main/vault/file-store';
import { startWebHost } from '../electron/web-host/server';
import { CHROMIUM_ARGS, CHROMIUM_HOWTO, findChromium } from '../scripts/lib/chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');
/** the built browser-mode app; E2E_RENDERER_DIR lets a parallel run use its own build */
export const RENDERER_DIR = process.env.E2E_RENDERER_DIR ?? join(ROOT, 'out', 'renderer');

export interface TestHost {
  /** http://127.0.0.1:<port>/ */
  url: string;
  origin: string;
  /** the main-process side's data folder (team key, dev vault key) */
  dataDir: string;
  version: string;
  /** the outside world the send path talks to, on loopback: a DNS zone and an SMTP server */
  mail: TestMailWorld;
}

/**
 * A sender domain whose SPF, DKIM and DMARC records exist (SPF cannot be matched to an SMTP server, so the
 * gate warns about that), a recipient domain with MX, and an SMTP server with STARTTLS and a login, which the
 * host reaches when a mailbox is connected to 127.0.0.1 port 587.
 */
export interface TestMailWorld {
  smtp: LoopbackSmtp;
  dns: LoopbackDns;
  /** an IMAP server (STARTTLS, the same login), reached when a mailbox's IMAP is 127.0.0.1 port 143 */
  imap: LoopbackImap;
  login: { user: string; pass: string };
  sender: { address: string; domain: string };
  /** a domain whose addresses have MX: leads to write to */
  recipientDomain: string;
  dkim: { selector: string; privateKeyPem: string };
  /**
   * A relay on the rep's own network whose self-signed certificate nothing trusts yet (not FAIRSEND_SMTP_CA):
   * reached as host `localhost`, port 587, with the same login.
   */
  relay: LoopbackSmtp;
}

async function startMailWorld(): Promise<TestMailWorld & { tls: { cert: string } }> {
  const domain = 'acme-sender.test';
  const recipientDomain = 'prospect.test';
  const selector = 'fs1';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  // A 2048-bit key's TXT answer is over 512 bytes: the resolver asks again over TCP, which the server serves.
  const dns = await startLoopbackDns({
    txt: {
      [domain]: ['v=spf1 ip4:127.0.0.1 ~all'],
      [`${selector}._domainkey.${domain}`]: [`v=DKIM1; k=rsa; p=${p}`],
      [`_dmarc.${domain}`]: [`v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}`],
    },
    mx: { [recipientDomain]: [[10, `mx.${recipientDomain}`]], [domain]: [[10, `mx.${domain}`]] },
  });
  const tls = selfSignedCertificate();
  const login = { user: `rep@${domain}`, pass: 'loopback-password' };
  const smtp = await startLoopbackSmtp({ tls, auth: login });
  const imap = await startLoopbackImap({ user: login.user, password: login.pass, tls });
  const relay = await startLoopbackSmtp({
    tls: testCertificate({ commonName: 'Office relay', organisation: 'Acme Sender', hosts: ['localhost'] }),
    auth: login,
  });
  return {
    smtp,
    imap,
    relay,
    dns,
    login,
    tls,
    sender: { address: `rep@${domain}`, domain },
    recipientDomain,
    dkim: { selector, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  };
}

interface TestFixtures {
  /**
   * Main's services, the web host and the loopback mail servers, fresh for each test: a mailbox connected,
   * a cap reached or sending paused by one spec must never decide what another sees.
   */
  host: TestHost;
  /** the page's Chromium profile on disk, fresh for each test */
  profileDir: string;
  /** writes a generated lead CSV (default 1,000 rows) into the test's output folder and returns its path */
  leadsCsv: (count?: number, seed?: number) => Promise<string>;
}

/** Main's clock in a test: real time shifted by what the test sets (page.clock moves the window's). */
export interface TestClock {
  now(): number;
  /** main's time is `at` from now on (and flows on from there) */
  setTo(at: number): void;
}

function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTo: (at) => {
      offset = at - Date.now();
    },
  };
}

/**
 * Browser mode wired as electron/web-host/main.ts wires it, but on a free port with throwaway data. A spec that
 * needs main's services (to set what no screen sets yet) or its clock starts its own with this.
 */
export async function startTestHost(
  /** provider stand-ins a spec points main at (its Google stand-in's endpoints) */
  extra: Pick<ServiceOptions, 'oauthEndpoints'> = {},
): Promise<
  TestHost & {
    close(): Promise<void>;
    clock: TestClock;
    services: Awaited<ReturnType<typeof createMainServices>>;
  }
> {
  const clock = testClock();
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-e2e-host-'));
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  try {
    await readFile(join(RENDERER_DIR, 'index.html'));
  } catch {
    throw new Error('out/renderer is not built: run `npm run build:web` (or `npm test`, which builds it).');
  }
  const mail = await startMailWorld();
  const routed = (host: string) => (host === 'localhost' ? mail.relay.port : mail.smtp.port);
  // An empty env: the key always comes from the temp file, never from the developer's FAIRSEND_DEV_VAULT_KEY.
  const services = await createMainServices({
    dataDir,
    sealer: createKeySealer(await loadDevVaultKey(join(dataDir, 'dev-vault.key'))),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: pkg.version, mode: 'browser', platform: process.platform }),
    openExternal: async () => {},
    now: clock.now,
    dnsServers: [mail.dns.server],
    smtpCa: mail.tls.cert,
    imapReader: (options) => createImapReader({ ...options, port: mail.imap.port as 143 }),
    // The mailbox is connected with the standard port 587; the loopback servers listen on ephemeral ones.
    smtpTransport: (options) => createSmtpTransport({ ...options, port: routed(options.host) as 587 }),
    certificateProbe: (endpoint) => probeCertificate({ ...endpoint, port: routed(endpoint.host) }),
    ...extra,
  });
  const host = await startWebHost({ handlers: createHandlers(services), staticDir: RENDERER_DIR, port: 0 });
  return {
    url: host.url,
    origin: new URL(host.url).origin,
    dataDir,
    version: pkg.version,
    mail,
    clock,
    services,
    async close() {
      await host.close();
      await services.close();
      await Promise.all([mail.smtp.close(), mail.imap.close(), mail.relay.close(), mail.dns.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<TestFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  host: async ({}, use) => {
    const host = await startTestHost();
    await use(host);
    await host.close();
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-e2e-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  // A persistent context keeps IndexedDB on disk, as a real profile does (a plain context keeps it in memory).
  context: async ({ profileDir }, use) => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error(CHROMIUM_HOWTO);
    const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    await use(context);
    await context.close();
  },

  page: async ({ context, host }, use, testInfo) => {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    const errors: Error[] = [];
    const logs: string[] = [];
    page.on('pageerror', (error) => errors.push(error));
    page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
    await page.goto(host.url);
    await use(page);
    // The page's console explains most failures (a CSP refusal, a database error): keep it with the report.
    if (testInfo.status !== testInfo.expectedStatus && logs.length) {
      await testInfo.attach('browser-console', { body: logs.join('\n'), contentType: 'text/plain' });
    }
    // An uncaught exception in the app fails the test that caused it, even if its assertions passed.
    expect(errors.map((e) => e.message)).toEqual([]);
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  leadsCsv: async ({}, use, testInfo) => {
    await use(async (count = 1000, seed = 1) => {
      const file = testInfo.outputPath(`leads-${count}-${seed}.csv`);
      await writeFile(file, generateLeadsCsv(count, seed));
      return file;
    });
  },
});

export { expect };
