import { envInt, optionalString } from '@storytime/config';
import { parseWorkerEnv } from '@storytime/worker-kit';

/** platform.md §12.3. GEMINI_API_KEY unset selects the offline storyteller (providers.md §1.6). */
export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseWorkerEnv(
    { httpPort: 9101, shutdownTimeoutMs: 120_000 },
    {
      STORY_WORKER_CONCURRENCY: envInt(1, 100).default(2),
      DAILY_CHALLENGE_BATCH_SIZE: envInt(1, 100_000).default(500),
      GEMINI_API_KEY: optionalString,
      GEMINI_MODEL: optionalString,
      GEMINI_BASE_URL: optionalString,
      GENERATION_AUDIO_WAIT_MS: envInt(0, 600_000).default(25_000),
      /**
       * Test-only: overrides the story-generation lock (120 s, platform.md §10.1) so a test can
       * kill a worker mid-job and see another one take the job over within seconds.
       */
      STORY_GENERATION_LOCK_MS: envInt(1_000, 600_000).optional(),
    },
    source,
  );
  return {
    ...env,
    /**
     * providers.md §1.5: unset → the default template; set but empty → the default cover. Read
     * raw because an empty value is meaningful here.
     */
    COVER_IMAGE_URL_TEMPLATE: source.COVER_IMAGE_URL_TEMPLATE?.trim(),
  };
}

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
