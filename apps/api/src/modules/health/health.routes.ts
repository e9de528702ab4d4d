import { AppError } from '@storytime/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CheckResult, HealthService } from './health.service';

const checkSchema = z.object({ status: z.enum(['up', 'down', 'degraded']) }).catchall(z.unknown());
const healthData = z.object({
  status: z.string(),
  checks: z.record(z.string(), checkSchema),
});
const healthResponse = { 200: healthData };

function unavailable(checks: Record<string, CheckResult>): AppError {
  return new AppError('SERVICE_UNAVAILABLE', 'One or more health checks failed', { details: { checks } });
}

/** One check as a route: 200 when up, 503 SERVICE_UNAVAILABLE with the check in details when down. */
function single(name: string, result: CheckResult) {
  if (result.status === 'down') throw unavailable({ [name]: result });
  return { status: 'ok', checks: { [name]: result } };
}

/** api.md §21: public, not rate limited, not logged per request. */
export const healthRoutes: FastifyPluginAsyncZod<{ health: HealthService }> = async (app, { health }) => {
  const route = {
    config: { access: 'public' as const, rateLimitTiers: false as const },
    schema: { tags: ['health'], response: healthResponse },
  };

  app.get('/health', route, async () => ({
    status: 'ok',
    checks: { process: { status: 'up' as const, uptimeSeconds: Math.round(process.uptime()) } },
  }));

  app.get('/health/ready', route, async () => {
    const result = await health.readiness();
    if (!result.ok) throw unavailable(result.checks);
    return { status: result.status, checks: result.checks };
  });

  app.get('/health/db', route, async () => single('database', await health.database()));
  app.get('/health/redis', route, async () => single('redis', await health.redis()));
  app.get('/health/smtp', route, async () => single('smtp', await health.smtp()));
  app.get('/health/queue', route, async () => single('queues', await health.queues()));
  app.get('/health/system', route, async () => single('system', await health.system()));

  app.get('/health/full', route, async () => {
    const result = await health.full();
    if (!result.ok) throw unavailable(result.checks);
    return { status: result.status, checks: result.checks };
  });
};
