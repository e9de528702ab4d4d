import { createHash } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { ProviderError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import {
  type MediaStore,
  type PutOptions,
  type PutResult,
  type ResourceType,
  resourceTypeOf,
  type StoredFile,
} from './media-store';
import {
  type BackoffPolicy,
  CircuitBreaker,
  externalDuration,
  externalRequests,
  isTransientError,
  isTransientStatus,
  parseRetryAfter,
  retryDelay,
  sleep,
} from './resilience';

/**
 * Cloudinary's signed upload API over fetch (providers.md §5.1, §5.2). Uploads always carry the
 * asset's fixed `public_id` with `overwrite=true`, so a retried upload replaces the same object.
 * Per call: 30 s per attempt, 3 attempts on transient errors (500 ms base, 8 s cap, +0–25 %
 * jitter, `Retry-After` honoured up to 30 s), and a breaker that opens after 5 failed calls for 60 s.
 */

export interface CloudinarySettings {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  /** `CLOUDINARY_BASE_URL`; tests point it at the fake server. */
  baseUrl: string;
  logger?: Logger;
  timeoutMs?: number;
  attempts?: number;
  backoff?: Partial<BackoffPolicy>;
  breaker?: { failures: number; openMs: number };
  now?: () => number;
  random?: () => number;
}

export interface CloudinaryStore extends MediaStore {
  readonly name: 'cloudinary';
  readonly breaker: CircuitBreaker;
}

const PROVIDER = 'cloudinary';

/**
 * Every field but `file`, `api_key`, `resource_type`, `cloud_name` and `signature`, sorted by name,
 * joined as `name=value` with `&`, the secret appended, SHA-1 in lower-case hex.
 */
export function cloudinarySignature(params: Record<string, string>, apiSecret: string): string {
  const excluded = new Set(['file', 'api_key', 'resource_type', 'cloud_name', 'signature']);
  const payload = Object.keys(params)
    .filter((name) => !excluded.has(name) && params[name] !== undefined && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('sha1')
    .update(payload + apiSecret)
    .digest('hex');
}

function parseBody(text: string, operation: string): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object') return body as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new ProviderError('PROVIDER_ERROR', PROVIDER, `Cloudinary ${operation} answer is not JSON`);
}

/** Our input was refused: no retry, and the breaker does not count it. */
const INPUT_STATUSES = new Set([400, 404, 422]);

export function createCloudinaryStore(settings: CloudinarySettings): CloudinaryStore {
  const now = settings.now ?? Date.now;
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const attempts = settings.attempts ?? 3;
  const policy: BackoffPolicy = { baseMs: 500, capMs: 8_000, jitter: 0.25, retryAfterMaxMs: 30_000 };
  Object.assign(policy, settings.backoff);
  const breaker = new CircuitBreaker(PROVIDER, settings.breaker ?? { failures: 5, openMs: 60_000 }, now);
  const base = settings.baseUrl.replace(/\/+$/, '');
  const cloud = encodeURIComponent(settings.cloudName);

  function signedForm(params: Record<string, string>): FormData {
    const form = new FormData();
    const all = { ...params, api_key: settings.apiKey, timestamp: String(Math.floor(now() / 1000)) };
    for (const [name, value] of Object.entries(all)) form.append(name, value);
    form.append('signature', cloudinarySignature(all, settings.apiSecret));
    return form;
  }

  /** One logical call: retries, breaker and metrics around `POST {path}`. */
  async function call(
    operation: 'upload' | 'destroy',
    path: string,
    form: FormData,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    signal?.throwIfAborted();
    if (!breaker.tryAcquire()) {
      externalRequests.inc({ provider: PROVIDER, operation, outcome: 'short_circuit' });
      throw new ProviderError('PROVIDER_UNAVAILABLE', PROVIDER, 'Cloudinary is unavailable (circuit open)');
    }
    const stopTimer = externalDuration.startTimer({ provider: PROVIDER, operation });
    let lastError: unknown;
    let outcome: 'error' | 'timeout' = 'error';
    try {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        const attemptSignal = signal
          ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs);
        let retryAfterMs: number | null = null;
        try {
          const response = await fetch(`${base}${path}`, {
            method: 'POST',
            body: form,
            signal: attemptSignal,
          });
          const text = await response.text();
          if (response.ok) {
            breaker.success();
            externalRequests.inc({ provider: PROVIDER, operation, outcome: 'success' });
            return parseBody(text, operation);
          }
          const message = `Cloudinary ${operation} answered ${response.status}`;
          if (!isTransientStatus(response.status)) {
            if (INPUT_STATUSES.has(response.status)) breaker.neutral();
            else breaker.failure();
            externalRequests.inc({ provider: PROVIDER, operation, outcome: 'error' });
            throw new ProviderError('PROVIDER_ERROR', PROVIDER, message, {
              details: { status: response.status },
              retryable: false,
            });
          }
          lastError = new ProviderError('PROVIDER_ERROR', PROVIDER, message, {
            details: { status: response.status },
          });
          outcome = 'error';
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        } catch (error) {
          if (error instanceof ProviderError) throw error;
          // The caller's deadline ended the call: no further attempt.
          if (signal?.aborted) {
            lastError = error;
            outcome = 'timeout';
            break;
          }
          if (!isTransientError(error)) {
            breaker.neutral();
            throw error;
          }
          lastError = error;
          outcome = (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
        }
        if (attempt < attempts) {
          const delay = retryDelay(policy, attempt, retryAfterMs, settings.random);
          settings.logger?.warn(
            { provider: PROVIDER, operation, attempt, delayMs: delay, err: lastError },
            'transient provider error, retrying',
          );
          try {
            await sleep(delay, signal);
          } catch {
            outcome = 'timeout';
            break;
          }
        }
      }
      breaker.failure();
      externalRequests.inc({ provider: PROVIDER, operation, outcome });
      throw new ProviderError('PROVIDER_ERROR', PROVIDER, `Cloudinary ${operation} failed`, {
        cause: lastError,
        details: { outcome },
        // Transient by nature: a queue-level retry (platform.md §10) may well succeed.
        retryable: true,
      });
    } finally {
      stopTimer();
    }
  }

  return {
    name: 'cloudinary',
    breaker,

    async put(file: StoredFile, options: PutOptions): Promise<PutResult> {
      const resourceType = options.resourceType ?? resourceTypeOf(options.kind);
      const form = signedForm({
        folder: options.folder,
        public_id: options.publicId,
        overwrite: 'true',
        ...(options.transformation ? { transformation: options.transformation } : {}),
      });
      // A Blob backed by the file: streamed from disk on each attempt, never read whole into memory.
      const blob = await openAsBlob(file.path, { type: file.mimeType });
      form.append('file', blob, `${options.publicId}.${file.extension}`);
      const body = await call('upload', `/v1_1/${cloud}/${resourceType}/upload`, form, options.signal);
      const url = body.secure_url;
      const publicId = body.public_id;
      if (typeof url !== 'string' || typeof publicId !== 'string')
        throw new ProviderError('PROVIDER_ERROR', PROVIDER, 'Cloudinary upload answer lacks secure_url');
      return { url, publicId };
    },

    async delete(publicId: string, resourceType: ResourceType, options = {}): Promise<void> {
      const type = resourceType === 'auto' ? 'image' : resourceType;
      const form = signedForm({ public_id: publicId });
      await call('destroy', `/v1_1/${cloud}/${type}/destroy`, form, options.signal);
    },
  };
}
