import { describe, expect, it } from 'vitest';
import { mainWindowOptions, startupProblemWindowOptions } from './window-options';

const choice = { preloadPath: '/app/out/preload/index.cjs', icon: '/app/icon.png' };

describe('mainWindowOptions', () => {
  it('closes DevTools in a packaged build and opens them only in development', () => {
    expect(mainWindowOptions({ ...choice, packaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ ...choice, packaged: false }).webPreferences?.devTools).toBe(true);
  });

  it.each([true, false])('keeps every security setting in every build (packaged: %s)', (packaged) => {
    const prefs = mainWindowOptions({ ...choice, packaged }).webPreferences;
    expect(prefs).toMatchObject({
      preload: choice.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    // nothing that loosens them: no Node in any frame, no <webview>, no remote content rules relaxed
    expect(prefs).not.toHaveProperty('nodeIntegrationInSubFrames');
    expect(prefs).not.toHaveProperty('webviewTag');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });
});

describe('startupProblemWindowOptions', () => {
  it('has no script, no preload and no DevTools, whatever the build', () => {
    const prefs = startupProblemWindowOptions(choice.icon).webPreferences;
    expect(prefs).toMatchObject({
      javascript: false,
      devTools: false,
      sandbox: true,
      contextIsolation: true,
    });
    expect(prefs).not.toHaveProperty('preload');
  });
});
