import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { z } from 'zod';
import { CHANNELS, type Channel, contract } from '../../shared/ipc/contract';
import { ERROR_CODES } from '../../shared/ipc/result';
import { createHandlers } from '../main/handlers';
import { startTestServices } from '../main/testing/test-services';
import { startWebHost, type WebHost } from './server';
import {
  type BridgeAttempt,
  bridgeToken,
  fakeRendererDir,
  openBridge,
  tryBridge,
} from './testing/host-client';
import { HOSTILE_KEYS, notJsonText, objectText, valueText } from './testing/hostile-json';

/**
 * The browser-mode host with the real main-process services, attacked through a real WebSocket: every
 * channel with hostile requests, frames of every JSON type, odd tokens, oversized frames. After each case the
 * host must still answer a valid call, and every answer must be a clear error a page can read: the Result
 * shape, a known code, one short line, nothing from inside the app (stack, path, exception name).
 */

let host: WebHost;
let ws: WebSocket;
let close: () => Promise<void>;
let attempt: BridgeAttempt;
const logged: string[] = [];

/** Waits for the reply with the given id; `null` replies (unreadable frames) come in order. */
function createReplies(socket: WebSocket) {
  const waiting = new Map<number | null, ((reply: Reply) => void)[]>();
  socket.on('message', (data) => {
    const reply = JSON.parse(data.toString()) as Reply;
    const queue = waiting.get(reply.id);
    queue?.shift()?.(reply);
  });
  return (frame: string | Buffer, id: number | null): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply for id ${id}`)), 5000);
      const queue = waiting.get(id) ?? [];
      waiting.set(id, queue);
      queue.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      socket.send(frame, { binary: Buffer.isBuffer(frame) });
    });
}

interface Reply {
  id: number | null;
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

let send: ReturnType<typeof createReplies>;
let nextId = 1;

beforeAll(async () => {
  const { services, dataDir } = await startTestServices();
  host = await startWebHost({
    handlers: createHandlers(services),
    staticDir: await fakeRendererDir(),
    log: (level, message) => logged.push(`${level} ${message}`),
  });
  const origin = new URL(host.url).origin;
  attempt = { url: `${origin.replace('http', 'ws')}/bridge`, origin, token: await bridgeToken(host.url) };
  ws = await openBridge(attempt);
  send = createReplies(ws);
  close = async () => {
    ws.close();
    await host.close();
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  };
});

afterAll(() => close());

const INSIDE_THE_APP = [
  /\n/,
  /\bat .+:\d+:\d+/, // a stack frame
  /\b(?:Type|Range|Syntax|Reference)Error\b/,
  /node_modules|node:internal|\/tmp\/|\/work\/|fairsend-services-|\.[cm]?[jt]s:\d+/,
  /Cannot read propert|is not a function|Maximum call stack/,
];

/** The one shape every refusal has, with a message a page can show. */
function expectClearError(reply: Reply, context: string) {
  expect(Object.keys(reply.result).sort(), context).toEqual(['error', 'ok']);
  expect(reply.result.ok, context).toBe(false);
  const { code, message } = reply.result.error ?? { code: '', message: '' };
  expect(Object.keys(reply.result.error ?? {}).sort(), context).toEqual(['code', 'message']);
  expect(ERROR_CODES, context).toContain(code);
  // 'internal' means a handler threw something unexpected: schema-checked input must never get that far.
  expect(code, `${context}: ${message}`).not.toBe('internal');
  expect(typeof message).toBe('string');
  expect(message.length, context).toBeGreaterThan(0);
  expect(message.length, context).toBeLessThanOrEqual(300);
  for (const pattern of INSIDE_THE_APP) expect(message, context).not.toMatch(pattern);
}

/** A valid call on the same socket still answers: the host is up and the socket still usable. */
async function expectHostUp() {
  const id = nextId++;
  const reply = await send(JSON.stringify({ id, channel: 'app.info', request: {} }), id);
  expect(reply.result).toMatchObject({ ok: true, value: { name: 'Fairsend' } });
}

function callText(id: number, channel: string, requestText: string): string {
  return `{"id":${id},"channel":${JSON.stringify(channel)},"request":${requestText}}`;
}

const RUNS = { numRuns: 40, endOnFailure: true } as const;
/** fast-check's share per channel: the fixed cases below come first and cover every channel on every run */
const RUNS_PER_CHANNEL = { numRuns: 12, endOnFailure: true } as const;

const text = (value: unknown) => JSON.stringify(value);

/** Requests that are not objects: every channel refuses each with invalid-input. */
const NON_OBJECTS = [
  'null',
  'true',
  '0',
  '-1e308',
  '""',
  text('😀'.repeat(1_000)),
  '[]',
  '[{}]',
  `${'['.repeat(2_000)}${']'.repeat(2_000)}`,
];

/** Values put in a channel's own fields: wrong types, edge numbers, huge, multibyte, CR/LF, prototype keys. */
const HOSTILE_VALUES = [
  'null',
  'false',
  '-0',
  '1e308',
  '9007199254740993',
  '""',
  text('a\r\nBcc: victim@example.com'),
  text('\u0000\u2028\ud800'),
  text('é'.repeat(2_049)),
  text('x'.repeat(70_000)),
  text('😀'.repeat(300_000)),
  '[]',
  '[null,{}]',
  '{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'{"a":'.repeat(2_000)}null${'}'.repeat(2_000)}`,
];

const fieldsOf = (channel: Channel): string[] => {
  const schema = contract[channel].request;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
};

async function call(channel: string, requestText: string): Promise<Reply> {
  const id = nextId++;
  const reply = await send(callText(id, channel, requestText), id);
  expect(reply.id).toBe(id);
  return reply;
}

describe('every bridge channel under hostile requests (real services, real socket)', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThan(50);
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  // one test per channel, each channel every run: a channel a random pick missed cannot hide a crash
  it.each(CHANNELS.map((channel) => [channel]))('%s', async (channel) => {
    const fields = fieldsOf(channel);

    for (const requestText of NON_OBJECTS) {
      const reply = await call(channel, requestText);
      expectClearError(reply, `${channel} ← ${requestText.slice(0, 20)}`);
      expect(reply.result.error?.code).toBe('invalid-input');
    }
    await expectHostUp();

    // a key its schema does not have, next to every declared field holding a plain string
    for (const hostileKey of HOSTILE_KEYS.filter((key) => !fields.includes(key))) {
      const entries = [
        ...fields.map((field) => [field, stringTextSample] as const),
        [hostileKey, 'null'] as const,
      ];
      const reply = await call(channel, objectText(entries));
      expectClearError(reply, `${channel} + ${text(hostileKey.slice(0, 20))}`);
      expect(reply.result.error?.code).toBe('invalid-input');
    }
    await expectHostUp();

    // each declared field alone, then all of them, holding each hostile value: a clear error or a value
    for (const value of HOSTILE_VALUES) {
      // all fields at once only while the frame stays under the host's 8 MB cap (a bigger one closes the
      // socket: its own test below)
      const allFit = Buffer.byteLength(value) * fields.length < 4 * 1024 * 1024;
      const requests = [
        ...fields.map((field) => [[field, value] as const]),
        ...(allFit ? [fields.map((f) => [f, value] as const)] : []),
      ];
      for (const entries of requests) {
        const reply = await call(channel, objectText(entries));
        if (!reply.result.ok)
          expectClearError(reply, `${channel} ${entries.map(([f]) => f)} = ${value.slice(0, 30)}`);
      }
    }
    await expectHostUp();

    // and a few random requests of the same kinds
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.boolean(), valueText), { maxLength: 8 }),
        fc.option(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), valueText), { nil: undefined }),
        async (picks, extra) => {
          const entries = fields.flatMap((field, i) => {
            const [present, value] = picks[i] ?? [false, 'null'];
            return present ? [[field, value] as const] : [];
          });
          const hostile = extra && !fields.includes(extra[0]) ? [extra] : [];
          const reply = await call(channel, objectText([...entries, ...hostile]));
          if (hostile.length > 0) expect(reply.result.ok, channel).toBe(false);
          if (!reply.result.ok) expectClearError(reply, channel);
          await expectHostUp();
        },
      ),
      RUNS_PER_CHANNEL,
    );
  });

  it('left no property on Object.prototype (no request pollutes it)', () => {
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the bridge under hostile frames and handshakes (real services, real socket)', () => {
  it('answers frames of every JSON type, and text that is not JSON, with an error frame', async () => {
    const frameArb = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
      valueText,
      notJsonText,
      fc.tuple(valueText, valueText, valueText).map(([id, channel, request]) =>
        objectText([
          ['id', id],
          ['channel', channel],
          ['request', request],
        ]),
      ),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(frameArb, async (frame) => {
        const readableId = idOf(frame);
        const reply = await send(frame, readableId);
        expectClearError(reply, String(frame).slice(0, 60));
        await expectHostUp();
      }),
      RUNS,
    );
  });

  it('refuses odd tokens at the handshake and stays up', async () => {
    const token = attempt.token ?? '';
    const oddToken = fc.oneof(
      fc.string({ unit: 'binary', minLength: token.length, maxLength: token.length }),
      fc.string({ unit: 'grapheme', maxLength: 64 }),
      fc.constantFrom(
        'é'.repeat(token.length),
        '😀'.repeat(token.length / 2),
        `${token.slice(0, -1)}é`,
        token.toUpperCase(),
        ` ${token}`,
        `${token}\r\n`,
        token.repeat(200),
        '',
      ),
    );
    await fc.assert(
      fc.asyncProperty(oddToken, async (odd) => {
        fc.pre(odd !== token);
        expect(await tryBridge({ ...attempt, token: odd })).toBe(401);
        await expectHostUp();
      }),
      { numRuns: 40, endOnFailure: true },
    );
    expect(await tryBridge(attempt)).toBe('open'); // the control: the right token still gets in
  });

  it('closes a socket that sends an oversized frame, and the host stays up', async () => {
    const big = await openBridge(attempt);
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.on('error', () => {});
    big.send(`{"id":1,"channel":"app.info","request":${JSON.stringify('😀'.repeat(2_200_000))}}`);
    expect(await closed).toBe(1009);
    await expectHostUp();
  });

  it('logged nothing that quotes the input', () => {
    for (const line of logged) {
      expect(line.length).toBeLessThan(300);
      expect(line).not.toMatch(/Bcc:|DROP TABLE|X-Injected|😀/);
    }
  });
});

const stringTextSample = JSON.stringify('x');

/** The id a frame's reply will carry: the frame's own when the host can read one, else null. */
function idOf(frame: string | Buffer): number | null {
  if (Buffer.isBuffer(frame)) return null;
  try {
    const parsed: unknown = JSON.parse(frame);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const id = (parsed as { id?: unknown }).id;
    return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : null;
  } catch {
    return null;
  }
}
