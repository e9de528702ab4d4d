import { createServer, type Server } from 'node:http';
import { renderMetrics } from './metrics';

/**
 * Serves `/metrics` on its own port (platform.md §8: METRICS_PORT, not routed publicly), so the
 * scrape endpoint is never exposed through the public listener or its rate limits.
 */
export async function startMetricsServer(
  port: number,
  host = '0.0.0.0',
): Promise<{ server: Server; port: number }> {
  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') {
      const { body, contentType } = await renderMetrics();
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}
