import { createHash } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { ProviderError } from '@storytime/errors';
import {
  type BreakerSettings,
  type BreakerState,
  createProviderClient,
  isTransientStatus,
  ProviderHttpError,
  type ProviderLogger,
  parseRetryAfter,
  type Sleep,
} from '@storytime/providers/resilience';
import {
  type MediaStore,
  type PutOptions,
  type PutResult,
  type ResourceType,
  resourceTypeOf,
  type StoredFile,
} from './media-store';

/**
 * Cloudinary's signed upload API over fetch (providers.md §5.1, §5.2). Uploads always carry the
 * asset's fixed `public_id` with `overwrite=true`, so a retried upload replaces the same object.
 * Per call (providers.md §0 through `@storytime/providers/resilience`): 30 s per attempt, 3 attempts
 * on transient errors (500 ms base, 8 s cap, +0–25 % jitter, `Retry-After` honoured up to 30 s), and
 * the process-wide `cloudinary` breaker (5 failed calls open it for 60 s), listed by `breakerStates()`.
 */

export interface CloudinarySettings {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  /** `CLOUDINARY_BASE_URL`; tests point it at the fake server. */
  baseUrl: string;
  logger?: ProviderLogger;
  timeoutMs?: number;
  attempts?: number;
  backoff?: { baseMs?: number; capMs?: number };
  /** Settings of the shared breaker; the first store created in the process sets them. */
  breaker?: BreakerSettings;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface CloudinaryStore extends MediaStore {
  readonly name: 'cloudinary';
  breakerState(): BreakerState;
}

const PROVIDER = 'cloudinary';
const BODY_PREVIEW_CHARS = 2048;
/** Cloudinary's rate-limit answer (providers.md §5.1: "420 (rate limited, transient)"). */
const RATE_LIMITED = 420;

/**
 * Cloudinary's 420 is what other APIs answer 429: the shared policy only knows the standard
 * transient statuses, so it is reported as a 429 (retried, `Retry-After` honoured) naming the 420.
 */
export class CloudinaryRateLimitError extends ProviderHttpError {
  constructor(operation: string, body: string, retryAfterMs: number | null) {
    super(PROVIDER, operation, 429, body, retryAfterMs);
    this.message = `${PROVIDER} ${operation} answered HTTP ${RATE_LIMITED} (rate limited)`;
  }
}

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

export function createCloudinaryStore(settings: CloudinarySettings): CloudinaryStore {
  const now = settings.now ?? Date.now;
  const fetchImpl = settings.fetch ?? globalThis.fetch;
  const client = createProviderClient({
    provider: PROVIDER,
    timeoutMs: settings.timeoutMs ?? 30_000,
    retry: {
      attempts: settings.attempts ?? 3,
      baseMs: settings.backoff?.baseMs ?? 500,
      capMs: settings.backoff?.capMs ?? 8_000,
      jitter: 'percent25',
    },
    breaker: settings.breaker ?? { failures: 5, openMs: 60_000 },
    now,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.sleep ? { sleep: settings.sleep } : {}),
    ...(settings.random ? { random: settings.random } : {}),
    ...(settings.logger ? { logger: settings.logger } : {}),
  });
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
  async function post(
    operation: 'upload' | 'destroy',
    path: string,
    form: FormData,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    try {
      return await client.call(
        operation,
        async (attemptSignal) => {
          const response = await fetchImpl(`${base}${path}`, {
            method: 'POST',
            body: form,
            signal: attemptSignal,
          });
          const text = await response.text();
          if (response.ok) return parseBody(text, operation);
          const body = text.slice(0, BODY_PREVIEW_CHARS);
          const retryAfter = () => parseRetryAfter(response.headers.get('retry-after'), now());
          if (response.status === RATE_LIMITED)
            throw new CloudinaryRateLimitError(operation, body, retryAfter());
          throw new ProviderHttpError(
            PROVIDER,
            operation,
            response.status,
            body,
            isTransientStatus(response.status) ? retryAfter() : null,
          );
        },
        signal ? { signal } : {},
      );
    } catch (error) {
      // The caller's deadline (the inline upload's) ended the call: still a provider failure to it.
      if (signal?.aborted && !(error instanceof ProviderError)) {
        throw new ProviderError(
          'PROVIDER_UNAVAILABLE',
          PROVIDER,
          `Cloudinary ${operation} did not finish in time`,
          {
            details: { operation },
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  return {
    name: 'cloudinary',
    breakerState: () => client.breakerState(),

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
      const body = await post('upload', `/v1_1/${cloud}/${resourceType}/upload`, form, options.signal);
      const url = body.secure_url;
      const publicId = body.public_id;
      if (typeof url !== 'string' || typeof publicId !== 'string')
        throw new ProviderError('PROVIDER_ERROR', PROVIDER, 'Cloudinary upload answer lacks secure_url');
      return { url, publicId };
    },

    async delete(publicId: string, resourceType: ResourceType, options = {}): Promise<void> {
      const type = resourceType === 'auto' ? 'image' : resourceType;
      const form = signedForm({ public_id: publicId });
      await post('destroy', `/v1_1/${cloud}/${type}/destroy`, form, options.signal);
    },
  };
}
