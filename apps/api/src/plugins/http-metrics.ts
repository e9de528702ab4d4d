import { counter, histogram } from '@storytime/observability';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const requestDuration = histogram('http_server_request_duration_seconds', 'HTTP request duration', [
  'method',
  'route',
  'status_code',
]);
const requestsTotal = counter('http_server_requests_total', 'HTTP requests', [
  'method',
  'route',
  'status_code',
]);

/** Request duration by route pattern (never the raw path, which would explode the label set). */
async function httpMetricsPlugin(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requestDuration.observe(labels, reply.elapsedTime / 1000);
    requestsTotal.inc(labels);
  });
}

export const httpMetrics = fp(httpMetricsPlugin, { name: 'http-metrics', fastify: '5.x' });
