import { CHANNELS } from '../contract';
import type { Handlers } from '../dispatch';
import { AppError } from '../result';

/** Handlers for tests of the bridge itself: the given ones, and every other channel answering 'unavailable'. */
export function stubHandlers(overrides: Partial<Handlers>): Handlers {
  const stubs = Object.fromEntries(
    CHANNELS.map((name) => [
      name,
      () => {
        throw new AppError('unavailable', `${name} is not part of this test`);
      },
    ]),
  );
  return { ...stubs, ...overrides } as Handlers;
}
