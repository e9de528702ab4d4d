import { ERROR_STATUS, type ErrorCode } from './codes';

export type ErrorDetails = Record<string, unknown>;

export interface AppErrorOptions {
  details?: ErrorDetails;
  cause?: unknown;
  /** Overrides the default for the code; workers read it to decide on BullMQ retries. */
  retryable?: boolean;
  /** Extra response headers, e.g. Retry-After for 423/429. */
  headers?: Record<string, string>;
}

/**
 * The one base class for every error a service may throw. It carries a stable `code`, the HTTP
 * status derived from the code table, a user-safe message and optional `details`. Services throw
 * these and never HTTP errors; the API's error handler and the workers translate them.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetails | undefined;
  readonly retryable: boolean;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
    this.details = options.details;
    this.headers = options.headers;
    this.retryable = options.retryable ?? defaultRetryable(this.statusCode);
  }
}

/** Transient by nature: unavailable dependencies and unexpected failures; client errors never are. */
function defaultRetryable(status: number): boolean {
  return status === 503 || status === 500;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
