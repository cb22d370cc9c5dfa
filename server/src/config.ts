import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  tls: { cert: Buffer; key: Buffer } | null;
  /** Fastify trustProxy: false, true, or the proxies' addresses/CIDRs */
  trustProxy: boolean | string[];
  logLevel: string;
}

/** The server's variables, read once; a bad value stops start-up with a line naming it. */
export const SERVER_ENV = {
  HOST: 'the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
  PORT: 'the port (default 8787)',
  DATA_DIR: 'where PGlite keeps its files when DATABASE_URL is unset (default .fairsend-server)',
  DATABASE_URL: 'a PostgreSQL URL (postgres://user:pass@host:5432/db); unset: PGlite in DATA_DIR',
  TLS_CERT: 'a PEM certificate file: serve HTTPS (with TLS_KEY)',
  TLS_KEY: 'the PEM private key file for TLS_CERT',
  TRUST_PROXY:
    'behind a reverse proxy: its addresses or CIDRs, comma-separated (or true), so limits see the real client',
  LOG_LEVEL: 'pino level (default info)',
} as const;

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`PORT is not a port: ${env.PORT}`);
  if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY)) {
    throw new ConfigError('TLS_CERT and TLS_KEY go together: set both files, or neither for plain HTTP.');
  }
  const read = (name: 'TLS_CERT' | 'TLS_KEY') => {
    try {
      return readFileSync(resolve(cwd, env[name]!));
    } catch {
      throw new ConfigError(`${name}: cannot read ${env[name]}`);
    }
  };
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || '.fairsend-server'),
    databaseUrl,
    tls: env.TLS_CERT ? { cert: read('TLS_CERT'), key: read('TLS_KEY') } : null,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
  };
}

function parseTrustProxy(raw: string | undefined): boolean | string[] {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
