import { randomUUID } from 'node:crypto';
import { categories, seasons, themes } from '@storytime/db';
// worker-story is not a dependency of the API package: its in-process runner is reached by path,
// so the route tests run the real generation handler.
import {
  createStoryTextProvider,
  type StoryTextProvider,
  startInProcessStoryWorker,
} from '@storytime/worker-story/testing/in-process-worker';
import { TEST_REDIS_URL, type TestApp } from './helpers';

/** A storyteller that can be held at the model call, so a test sees the stages one by one. */
export function gatedStoryteller() {
  const offline = createStoryTextProvider({});
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  const provider: StoryTextProvider = {
    name: offline.name,
    async generateStory(input, options) {
      if (gate) await gate;
      return offline.generateStory(input, options);
    },
  };
  return {
    provider,
    hold() {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

/** worker-story's generation queue consuming the test app's queues and job events. */
export function startStoryWorker(t: TestApp, storyText: StoryTextProvider) {
  const { core } = t.app;
  return startInProcessStoryWorker({
    redisUrl: TEST_REDIS_URL,
    queuePrefix: t.prefixes.queue,
    cachePrefix: t.prefixes.cache,
    db: core.db,
    producer: core.producer,
    redis: core.redis,
    storyText,
  });
}

export interface GenerationCatalogue {
  categoryId: string;
  categoryName: string;
  themeId: string;
  themeName: string;
  seasonId: string;
}

/** A category, theme and season of this test file only. */
export async function insertGenerationCatalogue(t: TestApp): Promise<GenerationCatalogue> {
  const run = randomUUID().slice(0, 8);
  const { db } = t.app.core;
  const categoryName = `Gen API Cat ${run}`;
  const themeName = `Gen API Theme ${run}`;
  const [category] = await db
    .insert(categories)
    .values({ name: categoryName })
    .returning({ id: categories.id });
  const [theme] = await db.insert(themes).values({ name: themeName }).returning({ id: themes.id });
  const [season] = await db
    .insert(seasons)
    .values({ name: `Gen API Season ${run}` })
    .returning({ id: seasons.id });
  return { categoryId: category!.id, categoryName, themeId: theme!.id, themeName, seasonId: season!.id };
}

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** Reads a text/event-stream until it ends (or `until` says stop), returning events and comments. */
export async function readSse(
  response: Response,
  options: { until?: (events: SseEvent[], comments: string[]) => boolean; timeoutMs?: number } = {},
): Promise<{ events: SseEvent[]; comments: string[]; ended: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let ended = false;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), Math.max(1, deadline - Date.now())),
      ),
    ]);
    if (chunk === 'timeout') break;
    if (chunk.done) {
      ended = true;
      break;
    }
    buffer += decoder.decode(chunk.value, { stream: true });
    let split = buffer.indexOf('\n\n');
    while (split >= 0) {
      const frame = buffer.slice(0, split);
      buffer = buffer.slice(split + 2);
      split = buffer.indexOf('\n\n');
      if (frame.startsWith(':')) {
        comments.push(frame.slice(1).trim());
        continue;
      }
      const fields = Object.fromEntries(
        frame
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      );
      events.push({
        id: fields.id,
        event: fields.event ?? 'message',
        data: JSON.parse(fields.data ?? 'null'),
      });
    }
    if (options.until?.(events, comments)) break;
  }
  if (!ended) await reader.cancel().catch(() => {});
  return { events, comments, ended };
}
