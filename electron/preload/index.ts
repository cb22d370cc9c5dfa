import { contextBridge, ipcRenderer } from 'electron';
import { type Bridge, isChannel } from '../../shared/ipc/contract';
import { err } from '../../shared/ipc/result';

// The page gets one typed call and nothing else: no ipcRenderer, no arbitrary channel.
const bridge = {
  call: (channel, request) =>
    isChannel(channel)
      ? ipcRenderer.invoke(channel, request)
      : Promise.resolve(err('unknown-channel', 'No such bridge call.')),
} satisfies Bridge;

contextBridge.exposeInMainWorld('fairsend', bridge);
