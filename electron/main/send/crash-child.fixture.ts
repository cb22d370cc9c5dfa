// Test fixture, run as its own process by crash-points.test.ts: opens the real services on a data folder the
// test prepared (a connected mailbox), settles what an earlier run left (as the app does at start-up), sends
// one message and SIGKILLs itself at the moment FAIRSEND_CRASH_AT names (no cleanup, no flush). If that moment
// never comes, it prints the outcome and exits 0.
// argv: dataDir, addressFile (a WorldAddress as JSON), key, mailboxId, clock start (epoch ms)

import { readFileSync } from 'node:fs';
import { readMainConfig } from '../config';
import { keyedDraft, openServicesAt, type WorldAddress } from '../testing/world-services';
import { killAt, noCheckpoint } from './send-points';

const [dataDir = '', addressFile = '', key = '', mailboxId = '', clockStart = '0'] = process.argv.slice(2);
const point = readMainConfig().crashAt;
const address = JSON.parse(readFileSync(addressFile, 'utf8')) as WorldAddress;
const started = Date.now();
const services = await openServicesAt(dataDir, address, {
  now: () => Number(clockStart) + (Date.now() - started),
  sendCheckpoint: point ? killAt(point, key) : noCheckpoint,
});
services.suppression.apply({ add: [], remove: [], complete: true }); // as the renderer does at start-up
await services.send.upkeep();
const outcome = await services.send.send(key, keyedDraft(mailboxId, key));
await services.close();
const detail = outcome.status === 'blocked' ? outcome.gate.reasons.map((r) => r.code).join(',') : '';
process.stdout.write(`${outcome.status} ${detail}\n`, () => process.exit(0));
