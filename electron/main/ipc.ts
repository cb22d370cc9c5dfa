import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract';
import { dispatch, type Handlers, type Logger } from '../../shared/ipc/dispatch';
import { err } from '../../shared/ipc/result';
import { isAppUrl } from '../../shared/security/external-url';

/** Registers one ipcMain handler per contract channel; each checks that the caller is our own top frame. */
export function registerBridge(ipcMain: IpcMain, handlers: Handlers, appOrigin: string, log: Logger): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url, appOrigin)) {
        return err('forbidden', 'This call must come from the Fairsend window.');
      }
      return dispatch(handlers, channel, payload, { transport: 'ipc' }, log);
    });
  }
}
