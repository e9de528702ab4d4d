import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * gzip/deflate above 1 KB at zlib level 6 (roadmap §5.2). A client that sends `x-no-compression`
 * opts out: we drop its Accept-Encoding before the compressor looks at it.
 */
async function compressionPlugin(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    // Media files are already compressed formats; compressing them again only costs CPU.
    if (request.headers['x-no-compression'] !== undefined || request.url.startsWith('/media/')) {
      delete request.headers['accept-encoding'];
    }
  });
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['gzip', 'deflate'],
    zlibOptions: { level: 6 },
  });
}

export const compression = fp(compressionPlugin, { name: 'compression', fastify: '5.x' });
