import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const DEFAULT_SUCCESS_MESSAGE = 'Request completed successfully.';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false for raw routes (SSE, downloads, redirects): their payload is sent as is. */
    envelope?: boolean;
  }
  interface FastifyRequest {
    envelopeMessage: string | undefined;
  }
}

function isEnveloped(request: FastifyRequest, status: number, contentType: unknown): boolean {
  if (status < 200 || status >= 300 || status === 204) return false;
  if (request.routeOptions.config?.envelope === false) return false;
  if (!request.url.startsWith('/api/')) return false;
  return (
    contentType === undefined ||
    (typeof contentType === 'string' && contentType.startsWith('application/json'))
  );
}

/**
 * The success envelope of platform.md §1, applied in exactly one place. Handlers return their
 * data, the route's response schema validates and serialises just that data, and this hook wraps
 * the serialised JSON text, so the envelope costs a string concatenation rather than a second
 * pass over the object. A handler's own `message` field becomes the envelope message.
 *
 * Registered before compression: the envelope must be added to the text before it is compressed.
 */
async function envelopePlugin(app: FastifyInstance) {
  app.decorateRequest('envelopeMessage', undefined);

  app.addHook('preSerialization', async (request, _reply, payload) => {
    const message = (payload as { message?: unknown } | null)?.message;
    if (typeof message === 'string') request.envelopeMessage = message;
    return payload;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    if (!isEnveloped(request, status, reply.getHeader('content-type'))) return payload;
    if (payload !== undefined && payload !== null && typeof payload !== 'string') return payload;
    const data = payload === undefined || payload === null || payload === '' ? 'null' : payload;
    reply.type('application/json; charset=utf-8');
    return `{"success":true,"statusCode":${status},"message":${JSON.stringify(
      request.envelopeMessage ?? DEFAULT_SUCCESS_MESSAGE,
    )},"data":${data}}`;
  });
}

export const envelope = fp(envelopePlugin, { name: 'envelope', fastify: '5.x' });
