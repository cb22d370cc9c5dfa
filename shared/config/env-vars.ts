/**
 * Every FAIRSEND_* environment variable, declared once: who reads it and what it changes. The README's table
 * is this list; a test checks that the code names no other and that main reads them in one place
 * (electron/main/config.ts). The test tooling's own variables (scripts/) are listed too.
 */
export const ENV_VARS = {
  FAIRSEND_PORT: {
    readBy: 'browser mode',
    meaning: 'the port browser mode listens on, on 127.0.0.1 (default 5199)',
  },
  FAIRSEND_DATA_DIR: {
    readBy: 'browser mode',
    meaning: "where browser mode keeps main's files (default .fairsend-dev)",
  },
  FAIRSEND_RENDERER_DIR: {
    readBy: 'browser mode',
    meaning: 'the built renderer it serves (default out/renderer)',
  },
  FAIRSEND_SMTP_CA: {
    readBy: 'browser mode',
    meaning:
      "a PEM file of an extra certificate authority for SMTP and IMAP, beside the system's (or trust a relay's own when connecting)",
  },
  FAIRSEND_DEV_VAULT_KEY: {
    readBy: 'browser mode',
    meaning: 'the dev/test vault key, 64 hex characters (default: a 0600 key file in the data folder)',
  },
  FAIRSEND_DNS_SERVERS: {
    readBy: 'main',
    meaning:
      'DNS servers for the compliance checks, comma-separated ip or ip:port (default: the system’s; Settings → Advanced overrides it)',
  },
  FAIRSEND_GOOGLE_AUTH_BASE_URL: { readBy: 'main', meaning: "Google's sign-in page (tests' stand-in)" },
  FAIRSEND_GOOGLE_TOKEN_URL: { readBy: 'main', meaning: "Google's token endpoint (tests' stand-in)" },
  FAIRSEND_GMAIL_API_BASE_URL: { readBy: 'main', meaning: 'the Gmail API (tests’ stand-in)' },
  FAIRSEND_POSTMASTER_API_BASE_URL: {
    readBy: 'main',
    meaning: 'the Google Postmaster Tools API (tests’ stand-in)',
  },
  FAIRSEND_MICROSOFT_LOGIN_BASE_URL: {
    readBy: 'main',
    meaning: 'the Microsoft sign-in authority base, https only (a national cloud, tests’ stand-in)',
  },
  FAIRSEND_GRAPH_BASE_URL: { readBy: 'main', meaning: 'Microsoft Graph (a national cloud, tests’ stand-in)' },
  FAIRSEND_CRASH_AT: {
    readBy: 'crash tests, npm run bench',
    meaning:
      'the named moment of a send (electron/main/send/send-points.ts) at which a crash-test child process kills itself; the app ignores it',
  },
  FAIRSEND_CHROMIUM: {
    readBy: 'npm test, npm run bench',
    meaning: 'the Chromium to drive (default /usr/bin/chromium)',
  },
  FAIRSEND_PG_URL: {
    readBy: 'npm test',
    meaning: 'set by npm test for the team server tests: the PostgreSQL to use',
  },
  FAIRSEND_E2E_JSON: {
    readBy: 'npm test',
    meaning: 'where Playwright writes its JSON report (set by npm test)',
  },
} as const satisfies Record<`FAIRSEND_${string}`, { readBy: string; meaning: string }>;

export type EnvVarName = keyof typeof ENV_VARS;
