import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import { openAuditLog } from './audit-log';

async function paths() {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-audit-'));
  return { file: join(dir, 'audit.jsonl'), device: join(dir, 'device.json') };
}

describe('audit log', () => {
  it('chains events durably and continues the chain after a restart', async () => {
    const { file, device } = await paths();
    const log = await openAuditLog(file, device, () => 1000);
    await log.append('send.blocked', { reasons: ['suppressed-address'] });
    await Promise.all([log.append('send.sent', { n: 1 }), log.append('send.sent', { n: 2 })]);
    await log.close();
    const again = await openAuditLog(file, device, () => 2000);
    expect(again.deviceId).toBe(log.deviceId);
    const fourth = await again.append('lead.erased', { count: 1 });
    expect(fourth.seq).toBe(4);
    const all = again.since(0);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyChain(all, null)).toBeNull();
    expect(again.since(2).map((e) => e.seq)).toEqual([3, 4]);
    await again.close();
  });

  it('refuses to extend a log that was edited', async () => {
    const { file, device } = await paths();
    const log = await openAuditLog(file, device);
    await log.append('send.blocked', { reasons: ['suppressed-address'] });
    await log.append('send.sent', {});
    await log.close();
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('suppressed-address', 'nothing-to-see'));
    await expect(openAuditLog(file, device)).rejects.toThrow(/damaged at event 1 \(hash\)/);
  });

  it('drops only a torn last line', async () => {
    const { file, device } = await paths();
    const log = await openAuditLog(file, device);
    await log.append('send.sent', {});
    await log.close();
    await appendFile(file, '{"id":"x","seq":2,');
    const again = await openAuditLog(file, device);
    expect(again.since(0)).toHaveLength(1);
    await again.append('send.sent', {});
    await again.close();
    const third = await openAuditLog(file, device);
    expect(third.since(0).map((e) => e.seq)).toEqual([1, 2]);
    await third.close();
  });
});
