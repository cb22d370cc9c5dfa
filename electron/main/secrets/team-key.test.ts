import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GOLDEN_ADDRESS,
  GOLDEN_ISSUED_AT_MS,
  GOLDEN_MAILBOX,
  GOLDEN_TEAM_KEY_BYTE,
  GOLDEN_TOKEN,
} from '../../../shared/team/testing/golden-token';
import { sealUnboundV1 } from '../testing/sealed-v1';
import { createKeySealer, isBound } from './sealer';
import { createTeamKey } from './team-key';

const sealerKey = Buffer.alloc(32, 1);
const sealer = createKeySealer(sealerKey);

async function freshKeyFile() {
  return join(await mkdtemp(join(tmpdir(), 'fairsend-teamkey-')), 'team-key.sealed');
}

describe('team key', () => {
  it('keys an address by the HMAC of its normal form, so spellings of one address collide', async () => {
    const teamKey = createTeamKey(await freshKeyFile(), sealer);
    const [a, b, c] = await teamKey.suppressionKeys('address', [
      'Jane.Doe@Example.com',
      ' jane.doe@example.com. ',
      'john@example.com',
    ]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('separates address and domain keys, and IDN domains key as their punycode form', async () => {
    const teamKey = createTeamKey(await freshKeyFile(), sealer);
    const [asDomain] = await teamKey.suppressionKeys('domain', ['bücher.de']);
    const [asPunycode] = await teamKey.suppressionKeys('domain', ['xn--bcher-kva.de']);
    expect(asDomain).toBe(asPunycode);
    const [address] = await teamKey.suppressionKeys('address', ['a@bücher.de']);
    expect(address).not.toBe(asDomain);
  });

  it('stores the key sealed and keeps the same key across restarts', async () => {
    const file = await freshKeyFile();
    const [before] = await createTeamKey(file, sealer).suppressionKeys('address', ['x@example.com']);
    const [after] = await createTeamKey(file, sealer).suppressionKeys('address', ['x@example.com']);
    expect(after).toBe(before);
    const key = await sealer.open(await readFile(file), 'team-key');
    expect(createHmac('sha256', key).update('address:x@example.com').digest('hex')).toBe(before);
    expect((await readFile(file)).includes(key)).toBe(false);
  });

  it('keeps a team key sealed before names were bound, and seals it again under its name', async () => {
    const file = await freshKeyFile();
    const secret = Buffer.alloc(32, 42);
    await writeFile(file, sealUnboundV1(sealerKey, secret));
    const [k] = await createTeamKey(file, sealer).suppressionKeys('address', ['x@example.com']);
    expect(k).toBe(createHmac('sha256', secret).update('address:x@example.com').digest('hex'));
    const migrated = await readFile(file);
    expect(isBound(migrated)).toBe(true);
    expect((await sealer.open(migrated, 'team-key')).equals(secret)).toBe(true);
  });

  it('refuses another sealed value put in the team key’s place', async () => {
    const file = await freshKeyFile();
    await writeFile(file, await sealer.seal(Buffer.alloc(32, 5), 'mailbox:m1:password'));
    await expect(createTeamKey(file, sealer).suppressionKeys('address', ['x@example.com'])).rejects.toThrow(
      /does not open/,
    );
  });

  it('rejects an invalid address with a clear error', async () => {
    const teamKey = createTeamKey(await freshKeyFile(), sealer);
    await expect(teamKey.suppressionKeys('address', ['not-an-address'])).rejects.toThrow(/valid address/);
  });

  it('signs unsubscribe tokens that carry the address key but never the address', async () => {
    const teamKey = createTeamKey(await freshKeyFile(), sealer);
    const token = await teamKey.unsubscribeToken('Jane@Example.com', 'mb1', 1_700_000_000_000);
    const [payload, signature] = token.split('.');
    expect(signature).toMatch(/^[\w-]{43}$/);
    const body = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const [key] = await teamKey.suppressionKeys('address', ['jane@example.com']);
    expect(body).toEqual({ v: 1, k: key, m: 'mb1', t: 1_700_000_000 });
    expect(token.toLowerCase()).not.toContain('jane');
    expect(await teamKey.unsubscribeToken('jane@example.com', 'mb1', 1_700_000_000_000)).toBe(token);
  });

  it('signs the golden token the team server verifies, byte for byte', async () => {
    const file = await freshKeyFile();
    await writeFile(file, await sealer.seal(Buffer.alloc(32, GOLDEN_TEAM_KEY_BYTE), 'team-key'));
    const token = await createTeamKey(file, sealer).unsubscribeToken(
      GOLDEN_ADDRESS,
      GOLDEN_MAILBOX,
      GOLDEN_ISSUED_AT_MS,
    );
    expect(token).toBe(GOLDEN_TOKEN);
  });
});
