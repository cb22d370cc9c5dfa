import { beforeEach, describe, expect, it, vi } from 'vitest';

// The composition root with Electron reduced to what start-up touches: what the rep sees when any step of
// start-up fails, including the steps before the services (serving the renderer, hardening the session).

const world = vi.hoisted(() => ({
  windows: [] as { title?: string; devTools?: boolean; url?: string }[],
  errorBoxes: [] as { title: string; content: string }[],
  quits: 0,
  failServing: null as Error | null,
  failWindows: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: () => {}, setWindowOpenHandler: () => {} };
    private readonly seen: (typeof world.windows)[number];
    constructor(options: { title?: string; webPreferences?: { devTools?: boolean } }) {
      if (world.failWindows) throw new Error('The GPU process could not start');
      this.seen = { title: options.title ?? '', devTools: options.webPreferences?.devTools ?? true };
      world.windows.push(this.seen);
    }
    on() {}
    once() {}
    loadURL(url: string) {
      this.seen.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      on: () => {},
      quit: () => {
        world.quits += 1;
      },
      whenReady: () => Promise.resolve(),
      getPath: () => '/home/rep/.config/Fairsend',
      getVersion: () => '0.0.0-test',
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => world.errorBoxes.push({ title, content }),
    },
    ipcMain: { on: () => {}, handle: () => {} },
    protocol: {
      registerSchemesAsPrivileged: () => {},
      handle: () => {
        if (world.failServing) throw world.failServing;
      },
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
    shell: { openExternal: async () => {} },
    safeStorage: { isEncryptionAvailable: () => false },
  };
  return { default: electron, ...electron };
});
vi.mock('../../resources/icons/32x32.png?asset', () => ({ default: '/icons/32x32.png' }));
vi.mock('../../resources/icons/512x512.png?asset', () => ({ default: '/icons/512x512.png' }));

/** Loads the entry point afresh (it starts on import) and lets its start-up run. */
async function startApp() {
  vi.resetModules();
  await import('./index');
  await vi.waitFor(() => expect(world.windows.length + world.errorBoxes.length).toBeGreaterThan(0));
}

const pageText = (url = '') =>
  Buffer.from(url.split(',')[1] ?? '', 'base64')
    .toString()
    .replace(/<[^>]+>/g, ' ');

beforeEach(() => {
  world.windows = [];
  world.errorBoxes = [];
  world.quits = 0;
  world.failServing = null;
  world.failWindows = false;
});

describe('desktop start-up', () => {
  it('a renderer folder that cannot be served: the start-up problem window, not a silent exit', async () => {
    world.failServing = Object.assign(
      new Error("EACCES: permission denied, scandir '/opt/Fairsend/renderer'"),
      {
        code: 'EACCES',
      },
    );
    await startApp();
    expect(world.windows).toHaveLength(1);
    const [problem] = world.windows;
    expect(problem?.title).toBe('Fairsend could not start');
    expect(problem?.devTools).toBe(false);
    expect(problem?.url).toMatch(/^data:text\/html/);
    expect(pageText(problem?.url)).toContain('Fairsend may not use its data folder');
    expect(world.errorBoxes).toEqual([]);
  });

  it('when even that window cannot open: a native message box with the same words, then quit', async () => {
    world.failServing = new Error('protocol "app" is already handled');
    world.failWindows = true;
    await startApp();
    await vi.waitFor(() => expect(world.quits).toBe(1));
    expect(world.errorBoxes).toHaveLength(1);
    const [box] = world.errorBoxes;
    expect(box?.title).toBe('Fairsend could not start');
    expect(box?.content).toContain('What to do:');
    expect(box?.content).toContain('/home/rep/.config/Fairsend');
    expect(box?.content).not.toMatch(/^\s+at /m);
  });
});
