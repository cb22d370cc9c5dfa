import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { stubHandlers } from '../../shared/ipc/testing/stub-handlers';
import { APP_ORIGIN } from './app-protocol';
import { registerBridge } from './ipc';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => unknown;

function fakeIpcMain() {
  const registered = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => {
      if (registered.has(channel)) throw new Error(`twice: ${channel}`);
      registered.set(channel, listener);
    },
  } as unknown as IpcMain;
  return { ipcMain, registered };
}

const handlers = stubHandlers({
  'app.info': () => ({
    name: 'Fairsend',
    version: '1',
    mode: 'desktop',
    platform: 'linux',
    secretStorage: 'os-keyring',
  }),
});

const event = (url: string, parent: unknown = null) =>
  ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('registerBridge', () => {
  it('registers exactly the contract channels', () => {
    const { ipcMain, registered } = fakeIpcMain();
    registerBridge(ipcMain, handlers, APP_ORIGIN, () => {});
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers our top frame and refuses other frames and origins', async () => {
    const { ipcMain, registered } = fakeIpcMain();
    registerBridge(ipcMain, handlers, APP_ORIGIN, () => {});
    const info = registered.get('app.info')!;
    expect(await info(event('app://fairsend/index.html#/leads'), {})).toMatchObject({ ok: true });
    expect(await info(event('https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await info(event('app://fairsend/index.html', { url: 'app://fairsend/' }), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await info({ senderFrame: null } as unknown as IpcMainInvokeEvent, {})).toMatchObject({
      ok: false,
    });
  });

  it('refuses any file: page, which any local file could be', async () => {
    const { ipcMain, registered } = fakeIpcMain();
    registerBridge(ipcMain, handlers, APP_ORIGIN, () => {});
    const info = registered.get('app.info')!;
    for (const url of [
      'file:///etc/passwd',
      'file:///home/rep/Downloads/invoice.html',
      'file:///opt/fairsend/resources/app.asar/out/renderer/index.html',
    ]) {
      expect(await info(event(url), {}), url).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('validates payloads on IPC exactly as on the WebSocket', async () => {
    const { ipcMain, registered } = fakeIpcMain();
    registerBridge(ipcMain, handlers, 'http://localhost:5173', () => {});
    const keys = registered.get('suppression.keys')!;
    expect(await keys(event('http://localhost:5173/'), { kind: 'phone', values: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
