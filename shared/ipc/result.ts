import type { CertificateProblem } from '../mailboxes/certificate-problems';
import { SEND_FAILURE_CODES } from '../outbox/failure-codes';

/**
 * Results, not thrown errors, cross every process and HTTP edge.
 * Codes come from one catalogue; vendor errors are translated once, at the adapter. The send failure codes
 * (auth-expired, transient, rate-limited, rejected-permanent, unavailable, not-found, internal) are declared
 * with their words in shared/outbox/failure-codes.ts; the bridge adds its own.
 */
export const ERROR_CODES = [
  'invalid-input', // the request failed its schema
  'unknown-channel', // no such bridge call
  'forbidden', // the caller is not our frame / not allowed
  'conflict',
  ...SEND_FAILURE_CODES, // also the bridge's: not-found, unavailable (no keyring, …), internal
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** a server's TLS certificate was refused: the causes and the certificate, for the rep to judge */
  certificate?: CertificateProblem;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Thrown inside handlers; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly certificate?: CertificateProblem,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The same failure, thrown again with everything it carries. */
  static from(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.certificate);
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.certificate ? { certificate: this.certificate } : {}),
    };
  }
}
