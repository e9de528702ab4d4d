import { baseEnv, databaseEnv, envInt, parseEnv, redisEnv } from '@storytime/config';
import { z } from 'zod';

/** Env shared by every worker app; each app adds its own variables (concurrency, providers). */
export function workerEnvShape(defaults: { httpPort: number; shutdownTimeoutMs: number }) {
  return {
    ...baseEnv,
    ...databaseEnv(10),
    ...redisEnv,
    WORKER_HTTP_PORT: envInt(0, 65535).default(defaults.httpPort),
    WORKER_HTTP_HOST: z.string().default('0.0.0.0'),
    SHUTDOWN_TIMEOUT_MS: envInt(0).default(defaults.shutdownTimeoutMs),
  };
}

export function parseWorkerEnv<Extra extends z.ZodRawShape>(
  defaults: { httpPort: number; shutdownTimeoutMs: number },
  extra: Extra,
  source: Record<string, string | undefined> = process.env,
) {
  return parseEnv({ ...workerEnvShape(defaults), ...extra }, source);
}

/** The variables every worker has, whatever its extra ones. */
export type BaseWorkerEnv = z.infer<z.ZodObject<ReturnType<typeof workerEnvShape>>>;
