import { randomUUID } from 'node:crypto';
import {
  categories,
  type Db,
  kidPreferredCategories,
  kids,
  seasons,
  themes,
  users,
  voices,
} from '@storytime/db';
import type { GenerateStoryParams } from '@storytime/db/repositories/generated-stories';
import { JOB, QUEUE, recordJob } from '@storytime/queue';

/**
 * Test data and fakes for worker-story. The provider package is reached by path for the same
 * reason as src/providers.ts (it is not a dependency of this app yet).
 */
export { createGeminiClient } from '@storytime/providers/gemini';
export {
  type FakeGemini,
  fakeStory,
  startFakeGemini,
} from '@storytime/providers/gemini-testing';
export { resetCircuitBreakers } from '@storytime/providers/resilience';

export const run = randomUUID().slice(0, 8);

export async function createUser(db: Db): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email: `gen-${randomUUID().slice(0, 12)}@example.com`, name: 'Gen Parent', passwordHash: 'x' })
    .returning({ id: users.id });
  return user!.id;
}

export async function createKid(
  db: Db,
  parentId: string,
  values: {
    name?: string | null;
    ageRange?: string | null;
    excludedTags?: string[];
    preferredVoiceId?: string;
  } = {},
): Promise<string> {
  const [kid] = await db
    .insert(kids)
    .values({
      parentId,
      name: values.name === undefined ? 'Kid' : values.name,
      ageRange: values.ageRange === undefined ? '4-6' : values.ageRange,
      excludedTags: values.excludedTags ?? [],
      preferredVoiceId: values.preferredVoiceId ?? null,
    })
    .returning({ id: kids.id });
  return kid!.id;
}

export async function createCategory(db: Db, name: string): Promise<string> {
  const [row] = await db.insert(categories).values({ name }).returning({ id: categories.id });
  return row!.id;
}

export async function createTheme(db: Db, name: string): Promise<string> {
  const [row] = await db.insert(themes).values({ name }).returning({ id: themes.id });
  return row!.id;
}

export async function createSeason(db: Db, name: string): Promise<string> {
  const [row] = await db.insert(seasons).values({ name }).returning({ id: seasons.id });
  return row!.id;
}

export async function preferCategory(db: Db, kidId: string, categoryId: string): Promise<void> {
  await db.insert(kidPreferredCategories).values({ kidId, categoryId });
}

/** The catalogue voice `key` (created once per database) and a user's own voice named like it. */
export async function createVoices(db: Db, userId: string, key: string, name: string) {
  await db
    .insert(voices)
    .values({ name, type: 'system', catalogueKey: key, elevenLabsVoiceId: `el-${key}` })
    .onConflictDoNothing();
  const [own] = await db
    .insert(voices)
    .values({ userId, name, type: 'uploaded' })
    .returning({ id: voices.id });
  const [custom] = await db
    .insert(voices)
    .values({ userId, name: `Grandma ${run}`, type: 'uploaded' })
    .returning({ id: voices.id });
  return { ownNamedLikeCatalogue: own!.id, custom: custom!.id };
}

export function genericParams(overrides: Partial<GenerateStoryParams> = {}): GenerateStoryParams {
  return {
    storyId: randomUUID(),
    mode: 'generic',
    themes: ['Adventure'],
    categories: ['Bedtime Stories'],
    seasonIds: [],
    kidName: null,
    ageMin: 4,
    ageMax: 8,
    language: 'English',
    additionalContext: null,
    ...overrides,
  };
}

/** Records the generation row without enqueueing it: tests call the processor themselves. */
export async function recordGeneration(
  db: Db,
  userId: string,
  params: GenerateStoryParams,
  kidId: string | null = null,
): Promise<string> {
  const job = await recordJob(db, {
    kind: 'story_generation',
    queue: QUEUE.storyGeneration,
    jobName: JOB.generateStory,
    params: params as unknown as Record<string, unknown>,
    userId,
    kidId,
  });
  return job.id;
}

export async function jobRow(db: Db, id: string) {
  const row = await db.query.jobRequests.findFirst({ where: (t, { eq }) => eq(t.id, id) });
  if (!row) throw new Error(`no job_requests row ${id}`);
  return row;
}

/** A BullMQ job as the processor sees it, for driving attempts one at a time. */
export const jobFor = (jobRequestId: string, attemptsMade = 0) => ({
  data: { jobRequestId },
  attemptsMade,
  opts: { attempts: 3 },
});

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
