import { AuthError, ProviderError } from '@storytime/errors';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { type FetchLike, fetchWithRetry, maxAgeMs } from './http';

/**
 * Verifies provider id_tokens (RS256) against a JWKS URL (providers.md §9): keys are cached for the
 * response's `Cache-Control: max-age` (default 1 h), fetched again once when a token names an unknown
 * `kid`, and kept for up to 24 h while a refresh fails, so a provider blip never signs anyone out.
 */

export interface JwksVerifierOptions {
  /** `google` or `apple`, for error details. */
  provider: string;
  url: string;
  fetch?: FetchLike;
  now?: () => Date;
  /** Per attempt (providers.md §0: 5 s for JWKS). */
  timeoutMs?: number;
  attempts?: number;
  defaultMaxAgeMs?: number;
  staleForMs?: number;
  /** Least time between two refetches caused by unknown `kid`s, so forged headers cannot flood the provider. */
  unknownKidCooldownMs?: number;
  /** Clock skew accepted on `exp` and `iat` (60 s). */
  clockToleranceSeconds?: number;
}

export interface TokenExpectations {
  issuer: string[];
  audience: string[];
}

type KeySet = ReturnType<typeof createLocalJWKSet>;

interface CachedKeys {
  keySet: KeySet;
  fetchedAt: number;
  maxAgeMs: number;
}

export function createJwksVerifier(options: JwksVerifierOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const tolerance = options.clockToleranceSeconds ?? 60;
  const staleForMs = options.staleForMs ?? 24 * 3_600_000;
  const cooldownMs = options.unknownKidCooldownMs ?? 30_000;
  let cached: CachedKeys | undefined;
  let inflight: Promise<CachedKeys> | undefined;

  const unavailable = () =>
    new ProviderError('PROVIDER_UNAVAILABLE', options.provider, 'The sign-in provider is unavailable');

  async function download(): Promise<CachedKeys> {
    const response = await fetchWithRetry(
      fetchImpl,
      options.url,
      { headers: { accept: 'application/json' } },
      { timeoutMs: options.timeoutMs ?? 5_000, attempts: options.attempts ?? 2 },
    );
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const body = (await response.json()) as JSONWebKeySet;
    if (!Array.isArray(body?.keys)) throw new Error('JWKS without keys');
    return {
      keySet: createLocalJWKSet(body),
      fetchedAt: now().getTime(),
      maxAgeMs: maxAgeMs(response.headers.get('cache-control')) ?? options.defaultMaxAgeMs ?? 3_600_000,
    };
  }

  /** One download at a time per process; a failure keeps serving keys younger than 24 h. */
  async function refresh(): Promise<CachedKeys> {
    inflight ??= download().finally(() => {
      inflight = undefined;
    });
    try {
      cached = await inflight;
      return cached;
    } catch {
      if (cached && now().getTime() - cached.fetchedAt < staleForMs) return cached;
      throw unavailable();
    }
  }

  async function keys(): Promise<CachedKeys> {
    if (cached && now().getTime() - cached.fetchedAt < cached.maxAgeMs) return cached;
    return refresh();
  }

  async function verifyWith(token: string, keySet: KeySet, expect: TokenExpectations): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, keySet, {
      algorithms: ['RS256'],
      issuer: expect.issuer,
      audience: expect.audience,
      clockTolerance: tolerance,
      currentDate: now(),
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    // jose accepts an `iat` in the future; a token issued more than the skew ahead is refused.
    if (typeof payload.iat !== 'number' || payload.iat > now().getTime() / 1000 + tolerance) {
      throw new errors.JWTClaimValidationFailed(
        '"iat" claim is in the future',
        payload,
        'iat',
        'check_failed',
      );
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new errors.JWTClaimValidationFailed('"sub" claim is missing', payload, 'sub', 'missing');
    }
    return payload;
  }

  /** The verified claims; AUTH_INVALID_TOKEN for any bad token, PROVIDER_UNAVAILABLE without keys. */
  async function verify(token: string, expect: TokenExpectations): Promise<JWTPayload> {
    let current = await keys();
    try {
      try {
        return await verifyWith(token, current.keySet, expect);
      } catch (error) {
        const stale = now().getTime() - current.fetchedAt >= cooldownMs;
        if (!(error instanceof errors.JWKSNoMatchingKey) || !stale) throw error;
        current = await refresh();
        return await verifyWith(token, current.keySet, expect);
      }
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid id_token', { cause: error });
    }
  }

  return { verify };
}

export type JwksVerifier = ReturnType<typeof createJwksVerifier>;
