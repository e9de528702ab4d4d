import { AppError, ProviderError } from '@storytime/errors';
import { type BreakerSettings, type BreakerState, type CircuitBreaker, circuitBreakerFor } from './breaker';
import { CircuitOpenError, ProviderHttpError, ProviderNetworkError, ProviderTimeoutError } from './errors';
import { externalRequestDuration, externalRequests, type Outcome } from './metrics';
import {
  backoffDelay,
  countsAsBreakerFailure,
  isTransient,
  isTransientStatus,
  type Jitter,
  parseRetryAfter,
  sleep as realSleep,
  type Sleep,
} from './policy';

export interface RetryPolicy {
  /** Total attempts of one logical call, the first included (1 = no retry). */
  attempts: number;
  baseMs: number;
  capMs: number;
  jitter: Jitter;
  /** ElevenLabs: the base delay is doubled after a 429. */
  doubleFor429?: boolean;
}

/** Pino-compatible; the work context (request/job id) is added by the logger's mixin. */
export interface ProviderLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface ProviderClientOptions {
  /** Metric label and breaker key, e.g. `gemini`, `elevenlabs`. */
  provider: string;
  /** Total time of one attempt, body included (≤ 30 s, providers.md §0). */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Shared per provider and process; `false` for providers without one (JWKS). */
  breaker?: BreakerSettings | false;
  fetch?: typeof fetch;
  now?: () => number;
  /** Injected by tests so backoff waits take no time. */
  sleep?: Sleep;
  random?: () => number;
  logger?: ProviderLogger;
}

export interface CallOptions {
  /** The caller's own cancellation (job shutdown); it stops retries and is not a provider failure. */
  signal?: AbortSignal;
}

export interface ProviderClient {
  readonly provider: string;
  /**
   * Runs one logical call: `fn` is one attempt and receives a signal that aborts at the timeout.
   * Transient failures (see `isTransient`) are retried; the breaker sees the final outcome.
   */
  call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, options?: CallOptions): Promise<T>;
  /**
   * `fetch` under the same rules. A non-2xx answer throws `ProviderHttpError` (after the retries
   * for transient statuses). The body is always read inside the attempt, so a body that stalls is
   * a timeout and is retried: with `read` its result is returned, without it a buffered copy of
   * the 2xx `Response`.
   */
  request(operation: string, url: string | URL, init?: RequestInit, options?: CallOptions): Promise<Response>;
  request<T>(
    operation: string,
    url: string | URL,
    init: RequestInit | undefined,
    read: (response: Response) => Promise<T>,
    options?: CallOptions,
  ): Promise<T>;
  breakerState(): BreakerState;
}

const BODY_PREVIEW_CHARS = 2048;
/** A `Response` with one of these statuses must not be given a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const { provider, timeoutMs, retry } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const breaker: CircuitBreaker | null = options.breaker
    ? circuitBreakerFor(provider, options.breaker, now)
    : null;
  const attempts = Math.max(1, Math.floor(retry.attempts));

  function record(operation: string, outcome: Outcome, startedAt?: number): void {
    externalRequests.inc({ provider, operation, outcome });
    if (startedAt !== undefined) {
      externalRequestDuration.observe({ provider, operation }, Math.max(0, now() - startedAt) / 1000);
    }
  }

  /** One attempt bounded by the timeout, whether or not `fn` honours its signal. */
  async function attempt<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    callerSignal: AbortSignal | undefined,
  ): Promise<T> {
    const controller = new AbortController();
    const timeoutError = new ProviderTimeoutError(provider, operation, timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(timeoutError);
        reject(timeoutError);
      }, timeoutMs);
    });
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const work = fn(controller.signal);
      work.catch(() => {});
      return await Promise.race([work, timedOut]);
    } catch (error) {
      if (controller.signal.reason === timeoutError) throw timeoutError;
      throw error;
    } finally {
      clearTimeout(timer);
      timedOut.catch(() => {});
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** The domain error a failed attempt is reported as. */
  function normalise(operation: string, error: unknown): unknown {
    if (error instanceof AppError) return error;
    if (isTransient(error)) return new ProviderNetworkError(provider, operation, error);
    return error;
  }

  async function call<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    callOptions: CallOptions = {},
  ): Promise<T> {
    const { signal } = callOptions;
    signal?.throwIfAborted();
    if (breaker && !breaker.tryAcquire()) {
      record(operation, 'short_circuit');
      throw new CircuitOpenError(provider, operation, breaker.retryInMs);
    }
    let settled = false;
    try {
      for (let n = 1; ; n += 1) {
        const startedAt = now();
        try {
          const result = await attempt(operation, fn, signal);
          record(operation, 'success', startedAt);
          breaker?.success();
          settled = true;
          return result;
        } catch (raw) {
          if (signal?.aborted) {
            record(operation, 'error', startedAt);
            throw signal.reason ?? raw;
          }
          const error = normalise(operation, raw);
          record(operation, error instanceof ProviderTimeoutError ? 'timeout' : 'error', startedAt);
          const status = error instanceof ProviderHttpError ? error.status : undefined;
          const transient = isTransient(error) && !(error instanceof CircuitOpenError);
          if (!transient || n >= attempts) {
            if (breaker) {
              if (countsAsBreakerFailure(status)) breaker.failure();
              else breaker.neutral();
            }
            settled = true;
            throw error instanceof AppError || !(raw instanceof Error)
              ? error
              : new ProviderError('PROVIDER_ERROR', provider, `${provider} ${operation} failed`, {
                  details: { operation },
                  cause: raw,
                });
          }
          const retryAfterMs = error instanceof ProviderHttpError ? error.retryAfterMs : null;
          const delayMs = backoffDelay(retry, n, {
            retryAfterMs,
            random,
            baseFactor: retry.doubleFor429 && status === 429 ? 2 : 1,
          });
          options.logger?.warn(
            { provider, operation, attempt: n, status, errorName: (error as Error).name, delayMs },
            'provider call failed, retrying',
          );
          await sleep(delayMs, signal);
        }
      }
    } finally {
      // Abandoned by the caller (abort during a wait): release a probe without judging the provider.
      if (!settled) breaker?.neutral();
    }
  }

  async function send(
    operation: string,
    url: string | URL,
    init: RequestInit | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    const response = await fetchImpl(url, { ...init, signal });
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    throw new ProviderHttpError(
      provider,
      operation,
      response.status,
      body.slice(0, BODY_PREVIEW_CHARS),
      isTransientStatus(response.status) ? parseRetryAfter(response.headers.get('retry-after'), now()) : null,
    );
  }

  function request<T>(
    operation: string,
    url: string | URL,
    init?: RequestInit,
    readOrOptions?: ((response: Response) => Promise<T>) | CallOptions,
    maybeOptions?: CallOptions,
  ): Promise<T | Response> {
    const callOptions = (typeof readOrOptions === 'function' ? maybeOptions : readOrOptions) ?? {};
    // A signal in `init` is the caller's too; the attempt's own signal replaces it in the fetch.
    const signal = callOptions.signal ?? init?.signal ?? undefined;
    if (typeof readOrOptions === 'function') {
      const read = readOrOptions;
      return call(operation, async (attemptSignal) => read(await send(operation, url, init, attemptSignal)), {
        signal,
      });
    }
    return call(
      operation,
      async (attemptSignal) => {
        const response = await send(operation, url, init, attemptSignal);
        const { status, statusText, headers } = response;
        const body = NULL_BODY_STATUSES.has(status) ? null : await response.arrayBuffer();
        return new Response(body, { status, statusText, headers });
      },
      { signal },
    );
  }

  return {
    provider,
    call,
    request: request as ProviderClient['request'],
    breakerState: () => breaker?.state ?? 'closed',
  };
}
