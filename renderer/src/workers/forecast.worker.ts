/**
 * The forecast worker: the planner's 14 simulated days (~200 ms for 10,000 leads) off the page's thread.
 * One request (a ForecastInput, Maps and all: structured clone carries them), one answer.
 */
import { type Forecast, type ForecastInput, forecast } from '../../../shared/sequences/forecast';

export type ForecastAnswer = { ok: true; forecast: Forecast } | { ok: false; message: string };

// The web tsconfig has no WebWorker lib (it would clash with DOM); this is the part of the scope we use.
interface WorkerScope {
  postMessage(message: ForecastAnswer): void;
  onmessage: ((event: MessageEvent<ForecastInput>) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ ok: true, forecast: forecast(data) });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
