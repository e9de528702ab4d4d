import { JOB, QUEUE } from '@storytime/queue';
import { bindQueue, type QueueBinding } from '@storytime/worker-kit';
import type { VoiceWorkerDeps } from './deps';
import type { WorkerEnv } from './env';
import { createMediaDeleteHandler } from './media/media-delete.processor';
import { createMediaTransferHandler } from './media/media-transfer.processor';
import { createSynthesizeStoryHandler, createSynthesizeTextHandler } from './voice/synthesize.processor';
import { createSynthesizeParagraphsHandler } from './voice/synthesize-paragraphs.processor';

/** Every queue this worker owns (QUEUE_OWNERS['worker-voice']) with a handler for each of its jobs. */
export function buildBindings(env: WorkerEnv, deps: VoiceWorkerDeps): QueueBinding[] {
  return [
    bindQueue({
      queue: QUEUE.voiceSynthesis,
      concurrency: env.VOICE_WORKER_CONCURRENCY,
      handlers: {
        [JOB.synthesizeStory]: createSynthesizeStoryHandler(deps),
        [JOB.synthesizeText]: createSynthesizeTextHandler(deps),
        [JOB.synthesizeParagraphs]: createSynthesizeParagraphsHandler(deps),
      },
    }),
    bindQueue({
      queue: QUEUE.media,
      concurrency: env.MEDIA_WORKER_CONCURRENCY,
      handlers: {
        [JOB.mediaTransfer]: createMediaTransferHandler(deps),
        [JOB.mediaDelete]: createMediaDeleteHandler(deps),
      },
    }),
  ];
}
