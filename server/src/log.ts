import type { FastifyServerOptions } from 'fastify';

/** An unsubscribe URL carries a token (an address's key): logs show only that there was one. */
export function redactUrl(url: string): string {
  return url.replace(/^\/u\/[^/?#]*/, '/u/[token]');
}

/** pino, with tokens and secrets kept out of every line. */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): void },
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: {
      req: (request: { method: string; url: string; ip?: string; id?: string }) => ({
        id: request.id,
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
      }),
    },
  };
}
