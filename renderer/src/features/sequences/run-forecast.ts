import { type Forecast, type ForecastInput, forecast } from '../../../../shared/sequences/forecast';
import type { ForecastAnswer } from '../../workers/forecast.worker';

/**
 * The forecast in a worker, so the page stays responsive while the planner walks 14 days; where no worker can
 * start (a test without one), on this thread after a turn for the screen.
 */
export function runForecast(input: ForecastInput): Promise<Forecast> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../workers/forecast.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return new Promise((resolve) => setTimeout(resolve, 0)).then(() => forecast(input));
  }
  return new Promise<Forecast>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<ForecastAnswer>) => {
      worker.terminate();
      if (data.ok) resolve(data.forecast);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The forecast worker stopped.'));
    };
    worker.postMessage(input);
  });
}
