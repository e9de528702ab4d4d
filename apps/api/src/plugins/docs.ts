import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { envelopeJsonSchema } from '../lib/http-schemas';

type Transform = typeof jsonSchemaTransform;

/**
 * Documents what clients really receive: the zod data schema of each 2xx answer inside the
 * success envelope (raw routes excepted), and the shared error body for every error status.
 */
const envelopedTransform: Transform = (input) => {
  const result = jsonSchemaTransform(input);
  const raw = (input.route.config as { envelope?: boolean } | undefined)?.envelope === false;
  const response = (result.schema as { response?: Record<string, unknown> } | undefined)?.response;
  if (response && !raw && input.url.startsWith('/api/')) {
    for (const [status, schema] of Object.entries(response)) {
      if (status.startsWith('2') && status !== '204') response[status] = envelopeJsonSchema(schema);
    }
  }
  return result;
};

/**
 * OpenAPI 3 generated from the same zod schemas that validate requests and serialise responses,
 * so the document cannot drift from the behaviour. UI at /docs, JSON at /docs/json.
 */
async function docsPlugin(app: FastifyInstance, options: { serverUrl: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Storytime API',
        version: '1.0.0',
        description: 'REST API of the Storytime children storytelling app. Every JSON answer is enveloped.',
      },
      servers: [{ url: options.serverUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: envelopedTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

export const docs = fp(docsPlugin, { name: 'docs', fastify: '5.x' });
