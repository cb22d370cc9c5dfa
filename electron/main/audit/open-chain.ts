import { randomUUID } from 'node:crypto';
import { type FileHandle, open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEvent } from '../../../shared/audit/chain';
import type { AuditDamage } from '../../../shared/audit/damage';
import { emptyHead, headAfter } from '../../../shared/audit/head';
import { judgeLog, type LogFacts } from '../../../shared/audit/judge';
import type { Sealer } from '../secrets/sealer';
import { type AuditSeal, loadAuditKey, newAuditKey } from './audit-key';
import { isMissing, writeFileDurably } from './durable-file';
import { createHeadFile, type HeadWriter, openHeadWriter, readHeadFile } from './head-file';
import { parseLine, readLogText } from './log-file';

/** The files of one device's audit chain. */
export interface ChainPaths {
  log: string;
  device: string;
  head: string;
  key: string;
}

export function chainPaths(logFile: string, deviceFile: string): ChainPaths {
  const dir = join(logFile, '..');
  return {
    log: logFile,
    device: deviceFile,
    head: join(dir, 'audit-head'),
    key: join(dir, 'audit-key.sealed'),
  };
}

/** A chain that passed its checks, open for appending. */
export interface OpenChain {
  deviceId: string;
  events: AuditEvent[];
  seal: AuditSeal;
  log: FileHandle;
  head: HeadWriter;
}

export type OpenResult = { ok: true; chain: OpenChain } | { ok: false; problem: AuditDamage; seq?: number };

export async function readDeviceId(file: string): Promise<string | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as { deviceId?: unknown } | null;
    return typeof value?.deviceId === 'string' && value.deviceId ? value.deviceId : null;
  } catch {
    return null;
  }
}

/**
 * Reads the log, its head and its key, has `judgeLog` decide, and only then touches anything: a refused log
 * is left byte for byte as found, so the rep can export exactly what was there.
 */
export async function openChain(paths: ChainPaths, sealer: Sealer): Promise<OpenResult> {
  let gathered: ChainInspection;
  try {
    gathered = await inspectChain(paths, sealer);
  } catch {
    return { ok: false, problem: 'cannot-read' };
  }
  const { facts, seal, text } = gathered;
  const judgement = await judgeLog(facts);
  if (!judgement.ok) return judgement;
  if (judgement.start === 'fresh') return { ok: true, chain: await startFresh(paths, sealer) };
  if (!seal || !facts.deviceId) throw new Error('judgeLog continued a chain without its key or device');

  // A torn last line is a crash mid-write: its event never got a head, so cutting it loses nothing.
  if (text.totalBytes > text.completeBytes) await truncate(paths.log, text.completeBytes);
  const head = await openHeadWriter(paths.head, seal);
  if (judgement.advance) await head.write(headAfter(facts.deviceId, judgement.events));
  const log = await open(paths.log, 'a', 0o600);
  return { ok: true, chain: { deviceId: facts.deviceId, events: judgement.events, seal, log, head } };
}

export type ChainInspection = Awaited<ReturnType<typeof inspectChain>>;

/** Everything on disk about the chain, read and checked against the key where there is one. */
export async function inspectChain(paths: ChainPaths, sealer: Sealer) {
  const [deviceId, key, text] = await Promise.all([
    readDeviceId(paths.device),
    loadAuditKey(paths.key, sealer),
    readLogText(paths.log),
  ]);
  const seal = key.state === 'present' ? key.seal : null;
  const facts: LogFacts = {
    deviceId,
    key: key.state,
    lines: text.lines.map((line) => parseLine(line, seal)),
    head: await readHeadFile(paths.head, seal),
  };
  return { facts, seal, text };
}

/**
 * A new chain: a new device id, then the empty head, then the key, each durable before the next. The key
 * comes last because its presence is what says "a chain exists here": a crash before it leaves a start that
 * is still fresh, and removing the log and its head while the key stays is caught.
 */
async function startFresh(paths: ChainPaths, sealer: Sealer): Promise<OpenChain> {
  const deviceId = randomUUID();
  const key = newAuditKey(sealer);
  await writeFileDurably(paths.device, JSON.stringify({ deviceId }));
  await createHeadFile(paths.head, emptyHead(deviceId), key.seal);
  await key.store(paths.key);
  await truncateOrCreate(paths.log);
  const head = await openHeadWriter(paths.head, key.seal);
  const log = await open(paths.log, 'a', 0o600);
  return { deviceId, events: [], seal: key.seal, log, head };
}

async function truncateOrCreate(file: string): Promise<void> {
  try {
    await truncate(file, 0);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}
