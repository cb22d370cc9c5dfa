import { type AppErrorShape, err, type Result } from '../../shared/ipc/result';

/**
 * The bridge's wire format: the page sends `{ id, channel, request }` as a JSON text frame and gets back
 * `{ id, result }`, where `result` is a Result. A frame the host cannot read is answered too, never ignored
 * (silence would leave the caller waiting): with its id when one can be read, else with `id: null`.
 */
export type IncomingFrame =
  | { ok: true; id: number; channel: string; request: unknown }
  | { ok: false; id: number | null; error: AppErrorShape };

const SHAPE = 'A bridge message is a JSON object with a numeric id, a channel and a request.';

function refuse(id: number | null, message: string): IncomingFrame {
  return { ok: false, id, error: { code: 'invalid-input', message } };
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function readFrame(data: Buffer, isBinary: boolean): IncomingFrame {
  if (isBinary) return refuse(null, 'The bridge takes text messages only.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    return refuse(null, 'A bridge message must be JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse(null, SHAPE);
  // JSON.parse makes own properties only (a "__proto__" key included), so plain reads see nothing inherited.
  const frame = parsed as Record<string, unknown>;
  if (!isId(frame.id)) return refuse(null, SHAPE);
  if (typeof frame.channel !== 'string' || !('request' in frame)) return refuse(frame.id, SHAPE);
  return { ok: true, id: frame.id, channel: frame.channel, request: frame.request };
}

/**
 * One reply frame. A handler's value that cannot be serialised (a cycle, a BigInt, nesting too deep) becomes
 * an error reply rather than an exception on the socket.
 */
export function replyFrame(id: number | null, result: Result<unknown>): string {
  try {
    return JSON.stringify({ id, result });
  } catch {
    return JSON.stringify({
      id,
      result: err('internal', 'Something went wrong in the app. Please try again.'),
    });
  }
}
