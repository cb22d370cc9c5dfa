import { resolve } from 'node:path';
import { z } from 'zod';
import { parseDnsServers } from '../../shared/config/dns-servers';
import type { EnvVarName } from '../../shared/config/env-vars';
import { SEND_POINTS, type SendPoint } from './send/send-points';
import type { OAuthEndpointOverrides } from './settings/oauth-settings';

/**
 * The one place main reads FAIRSEND_* environment variables (the list and their meaning:
 * shared/config/env-vars.ts). Everything else is handed its settings by a composition root.
 */
export interface MainConfig {
  /** provider endpoints when not the real Google and Microsoft (tests' stand-ins, a national cloud) */
  oauthEndpoints: OAuthEndpointOverrides;
  /** DNS servers for the gate's lookups; absent: the system's */
  dnsServers?: string[];
  /** crash tests' child processes only: the moment of a send to die at (the app never passes it on) */
  crashAt?: SendPoint;
  /** browser mode only */
  browser: {
    port: number;
    dataDir: string;
    rendererDir: string;
    smtpCaFile?: string;
    devVaultKeyHex?: string;
  };
}

type Env = Partial<Record<EnvVarName, string>> & Record<string, string | undefined>;

const url = (name: EnvVarName) => z.url({ error: `${name} must be a full URL (https://…)` }).optional();
const schema = z.object({
  FAIRSEND_PORT: z.coerce
    .number({ error: 'FAIRSEND_PORT must be a port number' })
    .int()
    .min(1, 'FAIRSEND_PORT must be a port number from 1 to 65535')
    .max(65_535, 'FAIRSEND_PORT must be a port number from 1 to 65535')
    .default(5199),
  FAIRSEND_DATA_DIR: z.string().min(1).default('.fairsend-dev'),
  FAIRSEND_RENDERER_DIR: z.string().min(1).default('out/renderer'),
  FAIRSEND_SMTP_CA: z.string().min(1).optional(),
  FAIRSEND_DEV_VAULT_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'FAIRSEND_DEV_VAULT_KEY must be 64 hex characters')
    .optional(),
  FAIRSEND_DNS_SERVERS: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseDnsServers(text);
      if (parsed.ok) return parsed.servers;
      ctx.addIssue({ code: 'custom', message: `FAIRSEND_DNS_SERVERS: ${parsed.message}` });
      return z.NEVER;
    })
    .optional(),
  FAIRSEND_GOOGLE_AUTH_BASE_URL: url('FAIRSEND_GOOGLE_AUTH_BASE_URL'),
  FAIRSEND_GOOGLE_TOKEN_URL: url('FAIRSEND_GOOGLE_TOKEN_URL'),
  FAIRSEND_GMAIL_API_BASE_URL: url('FAIRSEND_GMAIL_API_BASE_URL'),
  FAIRSEND_POSTMASTER_API_BASE_URL: url('FAIRSEND_POSTMASTER_API_BASE_URL'),
  FAIRSEND_MICROSOFT_LOGIN_BASE_URL: url('FAIRSEND_MICROSOFT_LOGIN_BASE_URL'),
  FAIRSEND_GRAPH_BASE_URL: url('FAIRSEND_GRAPH_BASE_URL'),
  FAIRSEND_CRASH_AT: z
    .enum(SEND_POINTS, { error: 'FAIRSEND_CRASH_AT must name a moment of a send' })
    .optional(),
});

/** Reads and checks the variables; a bad value is an error that names the variable, never a silent default. */
export function readMainConfig(env: Env = process.env): MainConfig {
  // An empty variable means "not set", as in a shell's `FOO= cmd`.
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FAIRSEND_') && v));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const v = parsed.data;
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as {
      [K in keyof T]: Exclude<T[K], undefined>;
    };
  return {
    ...(v.FAIRSEND_DNS_SERVERS?.length ? { dnsServers: v.FAIRSEND_DNS_SERVERS } : {}),
    oauthEndpoints: {
      google: defined({
        authBaseUrl: v.FAIRSEND_GOOGLE_AUTH_BASE_URL,
        tokenUrl: v.FAIRSEND_GOOGLE_TOKEN_URL,
        gmailApiBaseUrl: v.FAIRSEND_GMAIL_API_BASE_URL,
        postmasterApiBaseUrl: v.FAIRSEND_POSTMASTER_API_BASE_URL,
      }),
      microsoft: defined({
        loginBaseUrl: v.FAIRSEND_MICROSOFT_LOGIN_BASE_URL,
        graphBaseUrl: v.FAIRSEND_GRAPH_BASE_URL,
      }),
    },
    ...defined({ crashAt: v.FAIRSEND_CRASH_AT }),
    browser: {
      port: v.FAIRSEND_PORT,
      dataDir: resolve(v.FAIRSEND_DATA_DIR),
      rendererDir: resolve(v.FAIRSEND_RENDERER_DIR),
      ...defined({ smtpCaFile: v.FAIRSEND_SMTP_CA, devVaultKeyHex: v.FAIRSEND_DEV_VAULT_KEY }),
    },
  };
}
