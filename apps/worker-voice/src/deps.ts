import { tmpdir } from 'node:os';
import type { Db } from '@storytime/db';
import { createMediaStores, type MediaStores } from '@storytime/media';
import type { Logger } from '@storytime/observability';
import type { SpeechProvider } from '@storytime/providers/speech-types';
import { createSpeechServices } from '@storytime/providers/speech-types';
import { createOutbox, type Outbox, type Redis } from '@storytime/queue';
import type { WorkerInfrastructure } from '@storytime/worker-kit';
import { mediaEnvOf, type WorkerEnv } from './env';

/** What the voice and media handlers need; tests build it over their own fakes. */
export interface VoiceWorkerDeps {
  db: Db;
  /** Publishes job events (`${cachePrefix}job-events:{jobId}`). */
  redis: Redis;
  cachePrefix: string;
  /** Records follow-up jobs (media-transfer of audio kept locally) in the write transaction. */
  outbox: Outbox;
  logger: Logger;
  /** Narration chain in order: ElevenLabs if keyed, Deepgram if keyed, the local voice always. */
  speech: SpeechProvider[];
  stores: MediaStores;
  /** Where synthesised audio is staged before it goes to a store. */
  tmpDir: string;
  now: () => Date;
}

export function createVoiceWorkerDeps(env: WorkerEnv, infra: WorkerInfrastructure): VoiceWorkerDeps {
  return {
    db: infra.db,
    redis: infra.redis,
    cachePrefix: env.CACHE_PREFIX,
    outbox: createOutbox(infra.db, infra.producer, infra.logger),
    logger: infra.logger,
    speech: createSpeechServices(env, { logger: infra.logger }).speech,
    stores: createMediaStores(mediaEnvOf(env), { logger: infra.logger }),
    tmpDir: env.MEDIA_TMP_DIR ?? tmpdir(),
    now: () => new Date(),
  };
}
