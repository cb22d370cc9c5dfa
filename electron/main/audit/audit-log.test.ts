import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import { createKeySealer } from '../secrets/sealer';
import { auditFolder, testSealer, writtenLog } from './audit-test-files';
import { CHAIN_RESTARTED } from './restart-chain';

describe('audit log', () => {
  it('chains events durably and continues the chain after a restart', async () => {
    const f = await auditFolder();
    const log = await f.open({ now: () => 1000 });
    await log.append('send.blocked', { reasons: ['suppressed-address'] });
    await Promise.all([log.append('send.sent', { n: 1 }), log.append('send.sent', { n: 2 })]);
    const { deviceId } = log;
    await log.close();
    const again = await f.open({ now: () => 2000 });
    expect(again.deviceId).toBe(deviceId);
    const fourth = await again.append('lead.erased', { count: 1 });
    expect(fourth.seq).toBe(4);
    const all = again.since(0);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyChain(all, null)).toBeNull();
    expect(again.since(2).map((e) => e.seq)).toEqual([3, 4]);
    // What is mirrored carries no seal; the file's lines do.
    expect(Object.keys(all[0] ?? {})).not.toContain('seal');
    expect((await f.lines()).every((l) => typeof l.seal === 'string' && l.seal.length === 64)).toBe(true);
    await again.close();
  });

  it('stays up on a damaged log: refuses appends, exports the bytes as found, starts a new chain', async () => {
    const f = await writtenLog(3);
    const old = await f.lines();
    await f.writeLines(old.slice(0, -1));
    const damagedBytes = await readFile(f.log);
    const log = await f.open({ now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(log.status()).toMatchObject({ state: 'damaged', problem: 'events-missing', message: /missing/ });
    expect(() => log.requireWritable()).toThrow(/paused/);
    let writable = false;
    log.onWritable(() => {
      writable = true;
    });
    const copy = await log.exportDamaged();
    expect(Buffer.from(copy.base64, 'base64')).toEqual(damagedBytes);
    expect(copy.bytes).toBe(damagedBytes.length);

    const first = await log.startNewChain('Restored my laptop from a backup');
    expect(writable).toBe(true);
    expect(first).toMatchObject({ seq: 1, type: CHAIN_RESTARTED });
    expect(first.deviceId).not.toBe(old[0]?.deviceId);
    expect(first.data).toEqual({
      problem: 'events-missing',
      note: 'Restored my laptop from a backup',
      previousDeviceId: old[0]?.deviceId,
      previousRecordedSeq: 3,
      previousRecordedHash: old[2]?.hash,
      previousLoggedSeq: 2,
      previousLoggedHash: old[1]?.hash,
      keptAs: 'audit-damaged-2026-01-02T03-04-05-000Z.jsonl',
    });
    expect(log.status()).toEqual({ state: 'ready', events: 1 });
    await expect(log.exportDamaged()).rejects.toMatchObject({ code: 'conflict' });
    await expect(log.startNewChain('again')).rejects.toMatchObject({ code: 'conflict' });
    expect((await log.append('send.sent', {})).seq).toBe(2);
    await log.close();

    // Nothing was deleted: the damaged log (and its head) sit next to the new one, byte for byte.
    expect(await readFile(join(f.dir, 'audit-damaged-2026-01-02T03-04-05-000Z.jsonl'))).toEqual(damagedBytes);
    expect((await readdir(f.dir)).sort()).toContain('audit-head-damaged-2026-01-02T03-04-05-000Z');
    const reopened = await f.open();
    expect(reopened.status()).toEqual({ state: 'ready', events: 2 });
    expect(reopened.since(0)[0]).toEqual(first);
    await reopened.close();
  });

  it('starts a new chain under a new key when the old one cannot be opened', async () => {
    const f = await writtenLog(2);
    await writeFile(f.key, 'garbage');
    const log = await f.open({ now: () => 5 });
    expect(log.status()).toMatchObject({ state: 'damaged', problem: 'key-unreadable' });
    const first = await log.startNewChain('The keyring was reset');
    expect(first.data).toMatchObject({ previousRecordedSeq: null, previousLoggedSeq: 2 });
    await log.close();
    expect(await readFile(join(f.dir, 'audit-key-damaged-1970-01-01T00-00-00-005Z.sealed'), 'utf8')).toBe(
      'garbage',
    );
    const again = await f.open();
    expect(again.status()).toEqual({ state: 'ready', events: 1 });
    await again.close();
  });

  it('without a keyring it stays locked until unlocked, then checks the log', async () => {
    const passphraseSealer = createKeySealer(Buffer.alloc(32, 3), 'passphrase');
    const f = await auditFolder();
    const locked = await f.open({ sealer: null });
    expect(locked.status()).toMatchObject({ state: 'locked', message: /passphrase/ });
    expect(() => locked.since(0)).toThrow(/passphrase/);
    await expect(locked.append('send.sent', {})).rejects.toMatchObject({ code: 'unavailable' });
    const order: string[] = [];
    locked.onWritable(() => order.push('writable'));
    expect(await locked.unlock(passphraseSealer)).toEqual({ state: 'ready', events: 0 });
    expect(order).toEqual(['writable']);
    await locked.append('send.sent', {});
    await locked.close();

    // The next session: locked again, and a tampered log is found once unlocked.
    await rm(f.log);
    const next = await f.open({ sealer: null });
    expect(next.status().state).toBe('locked');
    expect(await next.unlock(passphraseSealer)).toMatchObject({
      state: 'damaged',
      problem: 'events-missing',
    });
    await next.close();
  });

  it('a key sealed by another sealer does not open', async () => {
    const f = await writtenLog(1);
    const log = await f.open({ sealer: createKeySealer(Buffer.alloc(32, 9)) });
    expect(log.status()).toMatchObject({ state: 'damaged', problem: 'key-unreadable' });
    await log.close();
    const right = await f.open({ sealer: testSealer });
    expect(right.status().state).toBe('ready');
    await right.close();
  });
});
