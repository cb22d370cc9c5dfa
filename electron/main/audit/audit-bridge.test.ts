import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SendDraft } from '../../../shared/ipc/send';
import { createKeySealer } from '../secrets/sealer';
import { createMainServices } from '../services';
import { testBridge } from '../testing/test-services';
import { createFileStore } from '../vault/file-store';

// The real main services, started twice on one data folder with the log damaged in between, driven through
// the bridge dispatcher as the renderer's calls arrive: start-up does not throw, and the refusal, the export
// and the new chain are answered as results.

const sealer = createKeySealer(Buffer.alloc(32, 8));

async function session(dataDir: string, withSealer = true) {
  const services = await createMainServices({
    dataDir,
    sealer: withSealer ? sealer : null,
    ...(withSealer ? {} : { sealerUnavailableReason: 'No keyring is running.' }),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: 'test', mode: 'desktop', platform: 'linux' }),
    openExternal: async () => {},
    passphraseScrypt: { N: 2 ** 10, r: 8, p: 1 },
  });
  return { services, bridge: testBridge(services) };
}

const draft: SendDraft = {
  mailboxId: 'mb1',
  to: 'ana@prospect.test',
  subject: 'Hello',
  html: '<p>Hi</p>',
  isFirstTouch: true,
  kind: 'one-off',
};

describe('a damaged audit log, through the bridge', () => {
  it('keeps main up, refuses sends, exports the log and starts a new chain on confirmation', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-audit-bridge-'));
    const first = await session(dataDir);
    const key = 'a'.repeat(64);
    for (const count of [1, 2, 3])
      await first.bridge.value('audit.record', { type: 'suppression.added', data: { keys: [key], count } });
    await first.services.close();

    const logFile = join(dataDir, 'audit.jsonl');
    const lines = (await readFile(logFile, 'utf8')).split('\n').filter(Boolean);
    await writeFile(logFile, `${lines.slice(0, 2).join('\n')}\n`); // the last event removed
    const damaged = await readFile(logFile);

    const second = await session(dataDir);
    const { call } = second.bridge;
    expect(await call('audit.status', {})).toMatchObject({
      ok: true,
      value: { state: 'damaged', problem: 'events-missing', message: expect.stringMatching(/missing/) },
    });
    expect(await call('send.message', { key: 'k1', draft })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/sending .* paused/) },
    });
    expect(await call('audit.record', { type: 'lead.erased', data: { count: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await call('audit.since', { seq: 0, limit: 10 })).toMatchObject({ ok: false });

    const copy = await second.bridge.value('audit.exportDamaged', {});
    expect(Buffer.from(copy.base64, 'base64')).toEqual(damaged);

    // An explicit confirmation and a note are required.
    for (const request of [
      { note: 'restored from a backup' },
      { confirmed: false, note: 'restored from a backup' },
      { confirmed: true, note: ' ' },
      { confirmed: true, note: 'told by ana@example.com' },
    ]) {
      const refused = await call('audit.startNewChain', request as never);
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const restarted = await second.bridge.value('audit.startNewChain', {
      confirmed: true,
      note: 'restored from a backup',
    });
    expect(restarted).toMatchObject({
      seq: 1,
      type: 'audit.chain-restarted',
      data: { problem: 'events-missing', note: 'restored from a backup', previousRecordedSeq: 3 },
    });
    expect(await second.bridge.value('audit.status', {})).toEqual({ state: 'ready', events: 1 });
    expect(await second.bridge.value('audit.since', { seq: 0, limit: 10 })).toEqual([restarted]);
    await second.bridge.value('audit.record', { type: 'lead.erased', data: { count: 1 } });
    // Sends are no longer refused for the audit's sake (this one fails later: no such mailbox).
    expect(await call('send.message', { key: 'k1', draft })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    await second.services.close();

    const third = await session(dataDir);
    expect(await third.bridge.value('audit.status', {})).toEqual({ state: 'ready', events: 2 });
    await third.services.close();
  });

  it('without a keyring: locked until the passphrase, then checked', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-audit-locked-'));
    const { services, bridge } = await session(dataDir, false);
    expect(await bridge.value('audit.status', {})).toMatchObject({ state: 'locked' });
    expect(await bridge.call('send.message', { key: 'k1', draft })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/passphrase/) },
    });
    await bridge.value('vault.unlockWithPassphrase', { passphrase: 'a long enough passphrase' });
    expect(await bridge.value('audit.status', {})).toEqual({ state: 'ready', events: 0 });
    await bridge.value('audit.record', { type: 'lead.erased', data: { count: 1 } });
    await services.close();
  });
});
