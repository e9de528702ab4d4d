import { ProviderError } from '@storytime/errors';
import { isTransientStatus } from './policy';

/**
 * The failures a provider call ends with, as domain errors (platform.md §1): what a retry could
 * have fixed is `PROVIDER_UNAVAILABLE` (503, retryable by the queue), what it could not is
 * `PROVIDER_ERROR` (502). Messages name the provider and the status, never a key or a payload.
 */

/** A non-2xx answer. Transient statuses (after the last retry) map to 503, the others to 502. */
export class ProviderHttpError extends ProviderError {
  readonly status: number;
  readonly operation: string;
  /** `Retry-After` in milliseconds when the answer carried a readable one. */
  readonly retryAfterMs: number | null;
  /** The start of the body (2 kB) for the caller to inspect; never put into `details`. */
  readonly responseBody: string;

  constructor(
    provider: string,
    operation: string,
    status: number,
    responseBody = '',
    retryAfterMs: number | null = null,
  ) {
    super(
      isTransientStatus(status) ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_ERROR',
      provider,
      `${provider} ${operation} answered HTTP ${status}`,
      { details: { operation, status } },
    );
    this.status = status;
    this.operation = operation;
    this.retryAfterMs = retryAfterMs;
    this.responseBody = responseBody;
  }
}

/** The attempt did not finish within the provider's timeout. */
export class ProviderTimeoutError extends ProviderError {
  constructor(provider: string, operation: string, timeoutMs: number) {
    super('PROVIDER_UNAVAILABLE', provider, `${provider} ${operation} timed out after ${timeoutMs} ms`, {
      details: { operation, timeoutMs },
    });
  }
}

/** The connection failed (refused, reset, DNS, socket hang-up). */
export class ProviderNetworkError extends ProviderError {
  constructor(provider: string, operation: string, cause: unknown) {
    super('PROVIDER_UNAVAILABLE', provider, `${provider} ${operation} could not be reached`, {
      details: { operation },
      cause,
    });
  }
}

/** The breaker is open: the call failed at once and nothing was sent. */
export class CircuitOpenError extends ProviderError {
  constructor(provider: string, operation: string, retryInMs: number) {
    super('PROVIDER_UNAVAILABLE', provider, `${provider} is temporarily unavailable`, {
      details: { operation, retryInSeconds: Math.max(1, Math.ceil(retryInMs / 1000)) },
    });
  }
}
