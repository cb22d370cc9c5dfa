import { z } from 'zod';
import { channel } from './define';

export interface AppInfo {
  name: string;
  version: string;
  /** How the renderer is hosted: the Electron shell, or a browser talking to the Node host. */
  mode: 'desktop' | 'browser';
  platform: string;
  /**
   * What seals mailbox secrets here: the OS keyring (desktop), the dev/test vault's key file (browser mode),
   * or nothing (Linux without a keyring): then secrets are refused, never stored in the clear, until the rep
   * unlocks with a passphrase for the session ('passphrase').
   */
  secretStorage: 'os-keyring' | 'dev-file-key' | 'passphrase' | 'none';
}

export const appChannels = {
  'app.info': channel(z.object({}).strict()).returns<AppInfo>(),
  /** Opens an https link in the system browser (never inside the app). */
  'app.openExternal': channel(z.object({ url: z.string().min(1).max(2048) }).strict()).returns<null>(),
};
