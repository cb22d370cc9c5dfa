import { type Channel, contract, isChannel, type ParsedRequestOf, type ResponseOf } from './contract';
import { AppError, err, ok, type Result } from './result';

export interface CallContext {
  /** Where the call came from, for logs: 'ipc' (Electron) or 'ws' (browser mode). */
  transport: 'ipc' | 'ws';
}

export type Handlers = {
  [C in Channel]: (
    request: ParsedRequestOf<C>,
    context: CallContext,
  ) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export type Logger = (level: 'warn' | 'error', message: string) => void;

/**
 * Validates, runs and wraps one bridge call. Both transports (Electron IPC and the browser-mode WebSocket)
 * go through here, so validation and error shapes cannot differ between them.
 */
export async function dispatch(
  handlers: Handlers,
  channelName: unknown,
  payload: unknown,
  context: CallContext,
  log: Logger = () => {},
): Promise<Result<unknown>> {
  if (!isChannel(channelName)) return err('unknown-channel', 'No such bridge call.');
  const parsed = contract[channelName].request.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.map((p) => clip(String(p), 40)).join('.')}` : '';
    return err(
      'invalid-input',
      `Invalid request for ${channelName}${where}: ${clip(issue?.message ?? 'bad input', 160)}`,
    );
  }
  try {
    const handler = handlers[channelName] as (r: unknown, c: CallContext) => unknown;
    return ok(await handler(parsed.data, context));
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toShape() };
    // Unknown errors may carry secrets or addresses in their text: log the name only, answer generically.
    log('error', `${channelName} failed: ${error instanceof Error ? error.name : typeof error}`);
    return err('internal', 'Something went wrong in the app. Please try again.');
  }
}

/**
 * Keys (and zod's messages about them) come from the caller: a refusal quotes at most a short, single-line
 * piece of them, so a hostile request cannot make the answer huge or smuggle line breaks into logs.
 */
function clip(text: string, max: number): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
