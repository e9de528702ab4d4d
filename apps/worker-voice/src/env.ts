import { envInt } from '@storytime/config';
import { parseWorkerEnv } from '@storytime/worker-kit';

export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  return parseWorkerEnv(
    { httpPort: 9102, shutdownTimeoutMs: 60_000 },
    {
      VOICE_WORKER_CONCURRENCY: envInt(1, 100).default(3),
      MEDIA_WORKER_CONCURRENCY: envInt(1, 100).default(4),
    },
    source,
  );
}

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
