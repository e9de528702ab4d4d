import type { IncomingMessage } from 'node:http';
import { currentTraceparent, nameActiveSpan, type WorkContext, workContext } from '@storytime/observability';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { v7 as uuidv7 } from 'uuid';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Request id from `X-Request-ID` when it is safe to log and echo (platform.md §2), else a fresh
 * UUID v7. Passed to Fastify as `genReqId`, so the id is the request's `id` and lands in every
 * log line of the request's child logger.
 */
export function generateRequestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : uuidv7();
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The unit-of-work context shared with the database and queue layers. */
    work: WorkContext;
  }
}

/** Paths whose requests are not logged one line each (platform.md §2). */
function isQuietPath(url: string): boolean {
  return url.startsWith('/api/v1/health') || url === '/metrics';
}

function logCompletedRequest(request: FastifyRequest, reply: FastifyReply): void {
  if (isQuietPath(request.url)) return;
  const statusCode = reply.statusCode;
  const fields = {
    method: request.method,
    route: request.routeOptions.url ?? 'unmatched',
    statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    userId: request.work.userId,
  };
  if (statusCode >= 500) request.log.error(fields, 'request failed');
  else if (statusCode >= 400) request.log.warn(fields, 'request rejected');
  else request.log.info(fields, 'request completed');
}

export interface RequestContextOptions {
  /** Statement counters by request id (tests only): the database layer counts into them. */
  queryCounters?: Map<string, NonNullable<WorkContext['queryCounter']>>;
}

async function requestContextPlugin(app: FastifyInstance, options: RequestContextOptions) {
  app.decorateRequest('work', null as unknown as WorkContext);

  // Runs the rest of the request inside the AsyncLocalStorage scope, so the DB layer's slow-query
  // log and the job producer see the request id without it being passed around.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url) nameActiveSpan(request.method, request.routeOptions.url);
    // The server span's traceparent, stored with the jobs the request records (platform.md §8).
    const traceparent = currentTraceparent();
    // Tests measuring a request register a statement counter under its request id.
    const queryCounter = options.queryCounters?.get(request.id);
    request.work = {
      requestId: request.id,
      ...(traceparent ? { traceparent } : {}),
      ...(queryCounter ? { queryCounter } : {}),
    };
    reply.header('x-request-id', request.id);
    workContext.run(request.work, done);
  });

  app.addHook('onResponse', async (request, reply) => {
    logCompletedRequest(request, reply);
  });
}

export const requestContext = fp(requestContextPlugin, { name: 'request-context', fastify: '5.x' });
