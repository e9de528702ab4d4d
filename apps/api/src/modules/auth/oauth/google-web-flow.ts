import { createHmac, randomBytes } from 'node:crypto';
import { AuthError, ProviderError } from '@storytime/errors';
import type { Redis } from '@storytime/queue';
import type { ApiEnv } from '../../../config';
import { constantTimeEqual } from '../../../lib/tokens';
import { googleOAuthClientId } from './google';
import { type FetchLike, fetchWithRetry } from './http';

/**
 * Google's web authorization-code flow (AUTH-17/18, providers.md §9.2, fix 17). The `state` is 32
 * random bytes kept in Redis for 10 minutes and consumed by the callback; when Redis is unavailable
 * it travels in a signed, HttpOnly cookie instead.
 */

export const OAUTH_STATE_TTL_SECONDS = 600;
export const STATE_COOKIE = 'st_oauth_state';
export const CALLBACK_PATH = '/api/v1/auth/google/oauth/callback';
const COOKIE_PATH = '/api/v1/auth/google/oauth';

export interface WebFlowDeps {
  env: ApiEnv;
  redis: Redis;
  fetch?: FetchLike;
  now?: () => Date;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function createGoogleWebFlow(deps: WebFlowDeps) {
  const { env, redis } = deps;
  const now = deps.now ?? (() => new Date());
  const clientId = googleOAuthClientId(env);
  const redirectUri = `${env.BACKEND_BASE_URL.replace(/\/+$/, '')}${CALLBACK_PATH}`;
  const stateKey = (state: string) => `${env.CACHE_PREFIX}oauth:state:${state}`;
  const sign = (value: string) =>
    createHmac('sha256', `oauth-state:${env.JWT_SECRET}`).update(value).digest('base64url');
  const secure = env.BACKEND_BASE_URL.startsWith('https:') ? '; Secure' : '';

  const configured = Boolean(clientId && env.GOOGLE_CLIENT_SECRET);

  function requireConfigured(): string {
    if (!clientId || !env.GOOGLE_CLIENT_SECRET) {
      throw new ProviderError('PROVIDER_UNAVAILABLE', 'google', 'Google web sign-in is not configured');
    }
    return clientId;
  }

  /** AUTH-17: the authorization URL, and a `Set-Cookie` value when the state could not go to Redis. */
  async function start(): Promise<{ location: string; cookie?: string }> {
    const client = requireConfigured();
    const state = randomBytes(32).toString('base64url');
    let cookie: string | undefined;
    try {
      await redis.set(stateKey(state), '1', 'EX', OAUTH_STATE_TTL_SECONDS);
    } catch {
      const expires = Math.floor(now().getTime() / 1000) + OAUTH_STATE_TTL_SECONDS;
      const value = `${state}.${expires}`;
      cookie = `${STATE_COOKIE}=${value}.${sign(value)}; Path=${COOKIE_PATH}; Max-Age=${OAUTH_STATE_TTL_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
    }
    const query = [
      ['client_id', client],
      ['redirect_uri', redirectUri],
      ['response_type', 'code'],
      ['scope', 'openid email profile'],
      ['state', state],
      ['prompt', 'select_account'],
    ]
      .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
      .join('&');
    const separator = env.GOOGLE_AUTH_URL.includes('?') ? '&' : '?';
    return { location: `${env.GOOGLE_AUTH_URL}${separator}${query}`, ...(cookie ? { cookie } : {}) };
  }

  function cookieHolds(state: string, cookieHeader: string | undefined): boolean {
    const raw = readCookie(cookieHeader, STATE_COOKIE);
    const [value, expires, signature] = raw?.split('.') ?? [];
    if (!value || !expires || !signature) return false;
    if (!constantTimeEqual(sign(`${value}.${expires}`), signature)) return false;
    return constantTimeEqual(value, state) && Number(expires) * 1000 > now().getTime();
  }

  /** AUTH-18: the state must be one we issued; it is consumed so a callback URL works once. */
  async function consumeState(state: string | undefined, cookieHeader: string | undefined): Promise<void> {
    if (!state || state.length > 128) throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid OAuth state');
    const stored = await redis.getdel(stateKey(state)).catch(() => null);
    if (stored) return;
    if (!cookieHolds(state, cookieHeader)) throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid OAuth state');
  }

  /** Clears the fallback cookie once the callback has used it. */
  function clearCookie(): string {
    return `${STATE_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
  }

  /** Exchanges the authorization code for Google's id_token (form-encoded POST). */
  async function exchangeCode(code: string | undefined): Promise<string> {
    const client = requireConfigured();
    if (!code) throw new AuthError('AUTH_INVALID_TOKEN', 'Missing authorization code');
    const body = new URLSearchParams({
      code,
      client_id: client,
      client_secret: env.GOOGLE_CLIENT_SECRET!,
      redirect_uri: redirectUri,
      grant_type: 'authorization_code',
    });
    let response: Response;
    try {
      response = await fetchWithRetry(
        deps.fetch ?? fetch,
        env.GOOGLE_OAUTH_TOKEN_URL,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: body.toString(),
        },
        { timeoutMs: 10_000, attempts: 2 },
      );
    } catch (error) {
      throw new ProviderError('PROVIDER_UNAVAILABLE', 'google', 'Google is unavailable', { cause: error });
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new ProviderError('PROVIDER_UNAVAILABLE', 'google', 'Google is unavailable');
    }
    const payload = (await response.json().catch(() => ({}))) as { id_token?: unknown };
    if (!response.ok || typeof payload.id_token !== 'string') {
      throw new AuthError('AUTH_INVALID_TOKEN', 'Google rejected the authorization code');
    }
    return payload.id_token;
  }

  return { configured, start, consumeState, clearCookie, exchangeCode };
}

export type GoogleWebFlow = ReturnType<typeof createGoogleWebFlow>;
