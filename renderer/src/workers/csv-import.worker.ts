/**
 * The CSV import worker: parsing and checking a large file never blocks the page.
 * Protocol (csv-import-protocol.ts): `start` once, then `ack` per stored batch; `cancel` stops it.
 */
import { createImportEngine, type ImportEngine } from './csv-import-engine';
import type { MainToWorker, WorkerToMain } from './csv-import-protocol';

// The web tsconfig has no WebWorker lib (it would clash with DOM); this is the part of the scope we use.
interface WorkerScope {
  postMessage(message: WorkerToMain): void;
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let engine: ImportEngine | null = null;

// Assigned (not addEventListener) so that nothing else loaded here can also receive our messages.
scope.onmessage = ({ data }) => {
  if (data.type === 'start' && !engine) {
    engine = createImportEngine(data, (message) => scope.postMessage(message));
    void engine.run();
  } else if (data.type === 'ack') {
    engine?.ack(data.seq);
  } else if (data.type === 'cancel') {
    engine?.cancel();
  }
};
