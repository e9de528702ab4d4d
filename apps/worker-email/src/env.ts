import { envInt } from '@storytime/config';
import { parseWorkerEnv } from '@storytime/worker-kit';

export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  return parseWorkerEnv(
    { httpPort: 9103, shutdownTimeoutMs: 30_000 },
    {
      EMAIL_WORKER_CONCURRENCY: envInt(1, 200).default(10),
      PUSH_WORKER_CONCURRENCY: envInt(1, 200).default(20),
    },
    source,
  );
}

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
