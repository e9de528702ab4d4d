import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaDeleteIntent } from '@storytime/media';
import { createRedis, QUEUE, synthesizeStoryIntent, waitForJob } from '@storytime/queue';
import { startWorkerRuntime, type WorkerRuntime } from '@storytime/worker-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBindings } from '../src/bindings';
import { loadWorkerEnv } from '../src/env';
import {
  audioRows,
  cachePrefix,
  closeHarness,
  createStory,
  db,
  depsFor,
  harnessReady,
  logger,
  mediaDir,
  outbox,
  producer,
  queuePrefix,
  redisUrl,
  startMediaServer,
} from './voice-harness';

let media: Awaited<ReturnType<typeof startMediaServer>>;
let runtime: WorkerRuntime;
const subscriber = createRedis(redisUrl, 'subscriber');

beforeAll(async () => {
  await harnessReady();
  media = await startMediaServer();
  const env = loadWorkerEnv({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    CACHE_PREFIX: cachePrefix,
    MEDIA_LOCAL_DIR: mediaDir,
    PUBLIC_MEDIA_BASE_URL: media.baseUrl,
  });
  runtime = await startWorkerRuntime({
    service: 'worker-voice-test',
    logger,
    createWorkerConnection: () => createRedis(redisUrl, 'worker'),
    queuePrefix,
    bindings: buildBindings(env, depsFor({ mediaBaseUrl: media.baseUrl })),
    httpPort: 0,
    httpHost: '127.0.0.1',
    shutdownTimeoutMs: 10_000,
    readiness: [],
  });
});

afterAll(async () => {
  await runtime?.close();
  subscriber.disconnect();
  await media.close();
  await closeHarness();
});

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('worker-voice end to end', () => {
  it('narrates a story recorded through the outbox and wakes the waiting request', async () => {
    const story = await createStory('The little train hummed all the way home.');
    const recorded = await outbox.transaction((_tx, scope) =>
      scope.add(
        synthesizeStoryIntent(
          {
            storyId: story.id,
            voiceKey: 'CHARLIE',
            userId: null,
            textHash: story.textHash,
            setStoryAudioUrl: true,
          },
          { waiting: true },
        ),
      ),
    );
    const queued = await producer.queue(QUEUE.voiceSynthesis).getJob(recorded.id);
    expect(queued?.opts.priority).toBe(1);

    const row = await waitForJob({
      db,
      subscriber,
      prefix: cachePrefix,
      jobId: recorded.id,
      timeoutMs: 30_000,
    });
    const [cached] = await audioRows(story.id);
    expect(row).toMatchObject({ status: 'completed', resultRef: cached!.id, attempts: 1 });
    expect(row!.params.audioUrl).toBe(cached!.audioUrl);
    const audio = await fetch(cached!.audioUrl);
    expect(audio.status).toBe(200);
    expect(
      Buffer.from(await audio.arrayBuffer())
        .subarray(8, 12)
        .toString('latin1'),
    ).toBe('WAVE');
  });

  it('runs a media-delete job from the media queue', async () => {
    const path = join(mediaDir, 'storytime/uploads/e2e/gone.png');
    await mkdir(join(mediaDir, 'storytime/uploads/e2e'), { recursive: true });
    await writeFile(path, 'not really a png');
    const recorded = await outbox.transaction((_tx, scope) =>
      scope.add(
        mediaDeleteIntent(
          { mediaId: null, publicId: 'storytime/uploads/e2e/gone', resourceType: 'image', store: 'local' },
          null,
        ),
      ),
    );
    const row = await waitForJob({
      db,
      subscriber,
      prefix: cachePrefix,
      jobId: recorded.id,
      timeoutMs: 30_000,
    });
    expect(row?.status).toBe('completed');
    expect(await exists(path)).toBe(false);
  });
});
