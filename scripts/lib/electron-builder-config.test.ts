import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './proc.mjs';

// electron-builder's own loader and schema check (what `npm run package` runs first), without packaging.
const load = () => getConfig(ROOT, 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is a real check: a misspelt fuse is refused', async () => {
    const config = await load();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration.*electronFuses/s,
    );
  });

  it('flips the fuses that close the ways around the app', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb, dmg, and nsis from out/, with the icons from resources/', async () => {
    const config = await load();
    expect(config.appId).toBe('app.fairsend.desktop');
    expect(config.productName).toBe('Fairsend');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    const files = JSON.stringify(config.files);
    expect(files).toContain('"out/**/*"');
    expect(files).toContain('"resources/icons/512x512.png"');
    expect([config.linux?.icon, config.mac?.icon, config.win?.icon]).toEqual([
      'resources/icons',
      'resources/icon.icns',
      'resources/icon.ico',
    ]);
  });
});
