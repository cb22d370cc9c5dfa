import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from './contract';
import { channel, combineChannels } from './define';
import { dispatch, type Handlers } from './dispatch';
import { AppError } from './result';
import { stubHandlers } from './testing/stub-handlers';

const info = {
  name: 'Fairsend',
  version: '1.0.0',
  mode: 'browser' as const,
  platform: 'linux',
  secretStorage: 'dev-file-key' as const,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return stubHandlers({
    'app.info': () => info,
    'app.openExternal': () => null,
    'suppression.keys': ({ values }) => values.map((v) => `key:${v}`),
    ...overrides,
  });
}

describe('dispatch', () => {
  it('runs a valid call and wraps the value', async () => {
    expect(await dispatch(handlers(), 'app.info', {}, { transport: 'ws' })).toEqual({
      ok: true,
      value: info,
    });
  });

  it('refuses a channel that is not in the contract', async () => {
    const result = await dispatch(handlers(), 'shell.exec', { cmd: 'rm -rf /' }, { transport: 'ws' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'No such bridge call.' },
    });
  });

  it('refuses prototype names that are not channels', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const result = await dispatch(handlers(), name, {}, { transport: 'ws' });
      expect(result.ok).toBe(false);
    }
  });

  it('validates the request with the channel schema and names the bad field', async () => {
    const result = await dispatch(
      handlers(),
      'suppression.keys',
      { kind: 'address', values: [] },
      { transport: 'ipc' },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('values');
    }
    const extra = await dispatch(handlers(), 'app.info', { sneaky: true }, { transport: 'ipc' });
    expect(extra.ok).toBe(false);
  });

  it('keeps a refusal short and on one line whatever keys and values the request carries', async () => {
    const hugeKey = `${'k'.repeat(100_000)}\r\nX-Injected: 1`;
    const cases: unknown[] = [
      { [hugeKey]: 1 },
      { kind: 'address', values: ['x'], [`é\n${'😀'.repeat(5000)}`]: 1 },
      { kind: 'address', values: 'x'.repeat(1_000_000) },
      JSON.parse(`{"kind":"address","values":["a"],"__proto__":{"polluted":1}}`),
    ];
    for (const request of cases) {
      const result = await dispatch(handlers(), 'suppression.keys', request, { transport: 'ws' });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message.length).toBeLessThanOrEqual(300);
      expect(result.error.message).not.toMatch(/[\r\n]/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('passes a refused certificate through with the refusal, for the rep to judge', async () => {
    const certificate = { causes: ['self-signed' as const], canTrust: true };
    const failing = handlers({
      'app.info': () => {
        throw new AppError('rejected-permanent', 'The certificate is self-signed.', certificate);
      },
    });
    expect(await dispatch(failing, 'app.info', {}, { transport: 'ws' })).toEqual({
      ok: false,
      error: { code: 'rejected-permanent', message: 'The certificate is self-signed.', certificate },
    });
  });

  it('turns an AppError into its code and an unknown error into a generic message without its text', async () => {
    const logged: string[] = [];
    const failing = handlers({
      'app.openExternal': () => {
        throw new AppError('forbidden', 'Only https links.');
      },
      'app.info': () => {
        throw new Error('password=hunter2 at smtp.example.com');
      },
    });
    expect(await dispatch(failing, 'app.openExternal', { url: 'x' }, { transport: 'ws' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only https links.' },
    });
    const unknown = await dispatch(failing, 'app.info', {}, { transport: 'ws' }, (_l, m) => logged.push(m));
    expect(unknown.ok).toBe(false);
    expect(JSON.stringify(unknown)).not.toContain('hunter2');
    expect(logged.join('\n')).not.toContain('hunter2');
  });
});

describe('the contract', () => {
  it('refuses a channel declared twice', () => {
    const a = { 'x.y': channel(z.object({})).returns<null>() };
    const b = { 'x.y': channel(z.object({})).returns<null>() };
    expect(() => combineChannels(a, b)).toThrow(/declared twice/);
  });

  it('gives every channel a strict object schema', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(spec.request.safeParse({ unexpected: 1 }).success, name).toBe(false);
    }
  });
});
