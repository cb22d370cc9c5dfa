import { contextBridge, ipcRenderer } from 'electron';
import { isChannelName } from '../../shared/ipc/channels';
import type { Bridge } from '../../shared/ipc/contract';
import { err } from '../../shared/ipc/result';

// The page gets one typed call and nothing else: no ipcRenderer, no arbitrary channel.
// Sandboxed preloads can require only `electron`, so this file imports no package (not even zod).
const bridge = {
  call: (channel, request) =>
    isChannelName(channel)
      ? ipcRenderer.invoke(channel, request)
      : Promise.resolve(err('unknown-channel', 'No such bridge call.')),
} satisfies Bridge;

contextBridge.exposeInMainWorld('fairsend', bridge);
