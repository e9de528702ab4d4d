import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderMetrics } from '@storytime/observability';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface WorkerHttpOptions {
  service: string;
  port: number;
  host?: string;
  checks: ReadinessCheck[];
  isClosing: () => boolean;
}

/**
 * The worker's own small HTTP server (platform.md §8): `/health` is liveness (process and event
 * loop), `/ready` checks the database and Redis and turns 503 while draining, `/metrics` serves
 * Prometheus text. Plain node:http keeps the workers free of the API's web stack.
 */
export async function startWorkerHttpServer(
  options: WorkerHttpOptions,
): Promise<{ server: Server; port: number }> {
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown, contentType = 'application/json') => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') return send(405, { status: 'error', message: 'Method not allowed' });
      if (path === '/health') {
        return send(200, {
          status: 'ok',
          service: options.service,
          uptimeSeconds: Math.round(process.uptime()),
          eventLoopDelayMs: Math.round(loopDelay.mean / 1e6),
        });
      }
      if (path === '/ready') {
        const results = await Promise.all(
          options.checks.map(async (c) => [c.name, await c.check().catch(() => false)] as const),
        );
        const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down']));
        const ready = !options.isClosing() && results.every(([, ok]) => ok);
        return send(ready ? 200 : 503, {
          status: ready ? 'ok' : 'unavailable',
          closing: options.isClosing(),
          checks,
        });
      }
      if (path === '/metrics') {
        const metrics = await renderMetrics();
        return send(200, metrics.body, metrics.contentType);
      }
      return send(404, { status: 'error', message: 'Not found' });
    } catch {
      return send(500, { status: 'error' });
    }
  });
  server.on('close', () => loopDelay.disable());

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, port };
}
