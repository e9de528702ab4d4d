import { JOB, QUEUE } from '@storytime/queue';
import { bindQueue, type QueueBinding, unavailableHandler } from '@storytime/worker-kit';
import type { WorkerEnv } from './env';

/** Every queue this worker owns (QUEUE_OWNERS['worker-voice']) with a handler for each of its jobs. */
export function buildBindings(env: WorkerEnv): QueueBinding[] {
  return [
    bindQueue({
      queue: QUEUE.voiceSynthesis,
      concurrency: env.VOICE_WORKER_CONCURRENCY,
      handlers: {
        [JOB.synthesizeStory]: unavailableHandler('Story narration'),
        [JOB.synthesizeText]: unavailableHandler('Text narration'),
        [JOB.synthesizeParagraphs]: unavailableHandler('Paragraph narration'),
      },
    }),
    bindQueue({
      queue: QUEUE.media,
      concurrency: env.MEDIA_WORKER_CONCURRENCY,
      handlers: {
        [JOB.mediaTransfer]: unavailableHandler('Media transfer'),
        [JOB.mediaDelete]: unavailableHandler('Media deletion'),
      },
    }),
  ];
}
