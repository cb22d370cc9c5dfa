import { parseArgs } from 'node:util';
import { AppError } from '../../shared/ipc/result';
import { createTeam } from './accounts/teams';
import { ConfigError, readConfig, SERVER_ENV } from './config';
import { openDb } from './db/open';
import { serve } from './serve';

const USAGE = `Fairsend team server

  npm run server                                         start it (PGlite in DATA_DIR, or DATABASE_URL)
  npm run server -- create-team --name NAME --owner-email EMAIL
                                                         a team and its owner; prints the owner's device token once

Environment:
${Object.entries(SERVER_ENV)
  .map(([name, what]) => `  ${name.padEnd(14)}${what}`)
  .join('\n')}`;

async function createTeamCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, 'owner-email': { type: 'string' } },
  });
  if (!values.name || !values['owner-email']) {
    console.error('create-team needs --name and --owner-email.');
    return 2;
  }
  const db = await openDb(readConfig(process.env));
  try {
    const team = await createTeam(db, { name: values.name, ownerEmail: values['owner-email'] });
    console.log(`Team "${values.name.trim()}" created (id ${team.teamId}), owner ${values['owner-email']}.`);
    console.log('Owner device token (shown once, keep it secret):');
    console.log(team.token);
    return 0;
  } finally {
    await db.close();
  }
}

async function serveCommand(): Promise<number> {
  const server = await serve(readConfig(process.env), process.env.npm_package_version);
  console.log(`Fairsend team server listening on ${server.url} (storage: ${server.storage})`);
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return new Promise<number>(() => {});
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return serveCommand();
  if (command === 'create-team') return createTeamCommand(rest);
  if (command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  console.error(`Unknown command: ${command}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
    else console.error(`The team server stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
