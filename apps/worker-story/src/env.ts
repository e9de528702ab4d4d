import { envInt } from '@storytime/config';
import { parseWorkerEnv } from '@storytime/worker-kit';

export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  return parseWorkerEnv(
    { httpPort: 9101, shutdownTimeoutMs: 120_000 },
    {
      STORY_WORKER_CONCURRENCY: envInt(1, 100).default(2),
      DAILY_CHALLENGE_BATCH_SIZE: envInt(1, 100_000).default(500),
    },
    source,
  );
}

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
