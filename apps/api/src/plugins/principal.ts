import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The authenticated caller, resolved from the access token and the session cache (platform.md §3). */
export interface Principal {
  userId: string;
  sessionId: string;
  role: 'admin' | 'parent' | 'kid';
  isPremium?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Declares `request.principal` before the rate limiter so the limiter can key by user. The
 * session check that fills it is registered ahead of the limiter by the auth module.
 */
async function principalPlugin(app: FastifyInstance) {
  app.decorateRequest('principal', null);
}

export const principal = fp(principalPlugin, { name: 'principal', fastify: '5.x' });
