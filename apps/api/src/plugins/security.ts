import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { ForbiddenError } from '@storytime/errors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityOptions {
  corsOrigins: Array<string | RegExp>;
}

/** The UI pages (Swagger UI, Bull Board) load inline scripts and styles; everything else keeps Helmet's CSP. */
const RELAXED_CSP_PREFIXES = ['/docs', '/admin/queues'];
const RELAXED_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https:; img-src 'self' data: https:; font-src 'self' data: https:; connect-src 'self'";

export function isOriginAllowed(origin: string, allowed: Array<string | RegExp>): boolean {
  return allowed.some((entry) => (typeof entry === 'string' ? entry === origin : entry.test(origin)));
}

/**
 * Helmet defaults, and CORS from the allow-list with a 24 h preflight cache (platform.md §11).
 * Requests without an Origin (mobile apps, curl) pass; a disallowed origin gets no CORS headers
 * and its preflight is refused with 403 FORBIDDEN.
 */
async function securityPlugin(app: FastifyInstance, options: SecurityOptions) {
  await app.register(helmet, { global: true });

  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    const isPreflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'];
    if (origin && isPreflight && !isOriginAllowed(origin, options.corsOrigins)) {
      throw new ForbiddenError('Origin not allowed');
    }
  });

  await app.register(cors, {
    origin: (origin, callback) => callback(null, !origin || isOriginAllowed(origin, options.corsOrigins)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: [
      'Content-Type',
      'Authorization',
      'Accept',
      'X-Requested-With',
      'X-Request-ID',
      'x-guest-session-id',
      'Last-Event-ID',
    ],
    exposedHeaders: [
      'X-Request-ID',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
    ],
    credentials: true,
    maxAge: 86_400,
    preflight: true,
    strictPreflight: false,
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (RELAXED_CSP_PREFIXES.some((prefix) => request.url.startsWith(prefix))) {
      reply.header('content-security-policy', RELAXED_CSP);
    }
    return payload;
  });
}

export const security = fp(securityPlugin, { name: 'security', fastify: '5.x' });
