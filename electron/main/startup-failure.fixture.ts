// Test fixture, run as its own process by startup-failure.test.ts (as another user where the test runs as root,
// since root reads any file whatever its mode): opens the real main-process services on the data folder it is
// given and prints, as one JSON line, what start-up would tell the rep, or {"started":true}.
// argv: dataDir

import { join } from 'node:path';
import { createKeySealer } from './secrets/sealer';
import { createMainServices } from './services';
import { describeStartupFailure } from './startup-problem';
import { createFileStore } from './vault/file-store';

const [dataDir = ''] = process.argv.slice(2);
let line: string;
try {
  const services = await createMainServices({
    dataDir,
    sealer: createKeySealer(Buffer.alloc(32, 8)),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: 'test', mode: 'desktop', platform: 'linux' }),
    openExternal: async () => {},
  });
  await services.close();
  line = JSON.stringify({ started: true });
} catch (error) {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? null;
  line = JSON.stringify({ code, problem: describeStartupFailure(error, dataDir) });
}
process.stdout.write(`${line}\n`, () => process.exit(0));
