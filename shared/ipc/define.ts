import type { z } from 'zod';

/** One bridge call: a zod schema for the request and a phantom type for the response. */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res = unknown> {
  readonly request: Req;
  /** Never read at run time; carries the response type. */
  readonly response?: Res;
}

export type ChannelMap = Record<string, ChannelSpec>;

/** `channel(schema).returns<Res>()` keeps the response type without a cast at every call site. */
export function channel<Req extends z.ZodType>(request: Req) {
  return { returns: <Res>(): ChannelSpec<Req, Res> => ({ request }) };
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Combines the domains' channel maps; a name registered twice is a bug, so it throws at start-up. */
export function combineChannels<T extends ChannelMap[]>(...domains: T): UnionToIntersection<T[number]> {
  const combined: ChannelMap = {};
  for (const domain of domains) {
    for (const [name, spec] of Object.entries(domain)) {
      if (name in combined) throw new Error(`Bridge channel "${name}" is declared twice`);
      combined[name] = spec;
    }
  }
  return combined as UnionToIntersection<T[number]>;
}
