import { AuthError } from '@storytime/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type Authenticate,
  bearerToken,
  deactivatedError,
  requireAdmin,
} from '../modules/auth/authenticator';

/** The authenticated caller, resolved from the access token and the session cache (platform.md §3). */
export interface Principal {
  userId: string;
  sessionId: string;
  role: 'admin' | 'parent' | 'kid';
  email: string;
  /** The account is soft-deleted: only the routes marked `allowDeactivated` answer (api.md §0.1). */
  deactivated: boolean;
  isPremium?: boolean;
}

export type Access = 'public' | 'session' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Required on every /api/v1 route: who may call it (api.md §0.1). */
    access?: Access;
    /** One of the few routes a deactivated account may still call. */
    allowDeactivated?: boolean;
  }
}

/** The caller of a route whose access is `session` or `admin`; the auth hook guarantees it is set. */
export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AuthError('AUTH_INVALID_TOKEN', 'Authentication required');
  return request.principal;
}

/**
 * Resolves `request.principal` on every request, before the rate limiter (which keys by user), and
 * enforces each route's declared access. A route under /api/v1 without a declared access level
 * fails at start-up, so no route can be left open by omission (fix 15).
 */
async function principalPlugin(app: FastifyInstance, options: { authenticate: Authenticate }) {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && route.method !== 'OPTIONS' && route.method !== 'HEAD') {
      if (!route.config?.access)
        throw new Error(`Route ${String(route.method)} ${route.url} must declare config.access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? 'public';
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      if (access !== 'public') throw new AuthError('AUTH_INVALID_TOKEN', 'Authentication required');
      return;
    }
    try {
      request.principal = await options.authenticate(token);
    } catch (error) {
      // A public route accepts a valid token but never requires one: a stale token just means anonymous.
      if (access === 'public') return;
      throw error;
    }
    request.work.userId = request.principal.userId;
    if (access === 'public') return;
    if (request.principal.deactivated && !request.routeOptions.config?.allowDeactivated)
      throw deactivatedError();
    if (access === 'admin') requireAdmin(request.principal);
  });
}

export const principal = fp(principalPlugin, {
  name: 'principal',
  fastify: '5.x',
  dependencies: ['request-context'],
});
