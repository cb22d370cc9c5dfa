import { z } from 'zod';
import { channel } from './define';

export interface AppInfo {
  name: string;
  version: string;
  /** How the renderer is hosted: the Electron shell, or a browser talking to the Node host. */
  mode: 'desktop' | 'browser';
  platform: string;
  /** Whether secrets can be sealed by a real OS keyring here (false in browser mode and on Linux basic_text). */
  secureStorage: boolean;
}

export const appChannels = {
  'app.info': channel(z.object({}).strict()).returns<AppInfo>(),
  /** Opens an https link in the system browser (never inside the app). */
  'app.openExternal': channel(z.object({ url: z.string().min(1).max(2048) }).strict()).returns<null>(),
};
