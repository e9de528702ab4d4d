import { randomUUID } from 'node:crypto';
import { avatars, categories, learningExpectations, newId, voices } from '@storytime/db';
import type { TestUser } from './factories';
import type { TestApp } from './helpers';

/** Shared set-up of the users and kids tests (api.md §2, §3). */

/** The code routes (PIN verify, reset) are rate limited at 5/min: relaxed so tests can repeat them. */
export const RELAXED_LIMITS = { RATE_LIMIT_MULTIPLIER: '100' };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `app.inject` under /api/v1 as a user (or anonymously). */
export function call(
  t: TestApp,
  method: Method,
  url: string,
  options: { as?: TestUser; body?: unknown } = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: options.as ? options.as.auth : {},
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
}

/** Raw SQL for set-up and assertions (the API package does not depend on drizzle-orm directly). */
export async function query<Row = Record<string, unknown>>(
  t: TestApp,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const result = await t.deps.pool.query(text, params);
  return result.rows as Row[];
}

export async function createCategory(t: TestApp, options: { deleted?: boolean } = {}) {
  const [row] = await t.app.core.db
    .insert(categories)
    .values({ name: `category-${randomUUID()}`, isDeleted: options.deleted ?? false })
    .returning({ id: categories.id, name: categories.name });
  return row!;
}

export async function createLearningExpectation(t: TestApp, options: { active?: boolean } = {}) {
  const [row] = await t.app.core.db
    .insert(learningExpectations)
    .values({ name: `expectation-${randomUUID()}`, isActive: options.active ?? true })
    .returning({ id: learningExpectations.id, name: learningExpectations.name });
  return row!;
}

export async function createAvatar(
  t: TestApp,
  options: {
    ownerUserId?: string;
    system?: boolean;
    deleted?: boolean;
    url?: string;
    publicId?: string;
  } = {},
): Promise<string> {
  const id = newId();
  await t.app.core.db.insert(avatars).values({
    id,
    name: `avatar-${id}`,
    url: options.url ?? `https://cdn.example.com/avatars/${id}.png`,
    isSystemAvatar: options.system ?? false,
    ownerUserId: options.ownerUserId ?? null,
    isDeleted: options.deleted ?? false,
    publicId: options.publicId ?? null,
  });
  return id;
}

export const VOICE_KEYS = ['CHARLIE', 'JESSICA', 'WILL'] as const;
export const ELEVEN_LABS_IDS: Record<(typeof VOICE_KEYS)[number], string> = {
  CHARLIE: 'IKne3meq5aSn9XLyUdCD',
  JESSICA: 'cgSgspJ2msm6clMCkdW9',
  WILL: 'bIHbv24MWmeRgasZH58o',
};

/** The system voices the tests need, inserted once for the shared database (idempotent). */
export async function systemVoices(t: TestApp): Promise<Record<(typeof VOICE_KEYS)[number], string>> {
  await t.app.core.db
    .insert(voices)
    .values(
      VOICE_KEYS.map((key) => ({
        name: key.charAt(0) + key.slice(1).toLowerCase(),
        type: 'system' as const,
        catalogueKey: key,
        elevenLabsVoiceId: ELEVEN_LABS_IDS[key],
      })),
    )
    .onConflictDoNothing({ target: voices.catalogueKey });
  const rows = await query<{ id: string; catalogue_key: (typeof VOICE_KEYS)[number] }>(
    t,
    'select id, catalogue_key from voices where catalogue_key = any($1)',
    [[...VOICE_KEYS]],
  );
  return Object.fromEntries(rows.map((row) => [row.catalogue_key, row.id])) as Record<
    (typeof VOICE_KEYS)[number],
    string
  >;
}

export async function setOnboarding(t: TestApp, userId: string, status: string): Promise<void> {
  await query(t, 'update users set onboarding_status = $2 where id = $1', [userId, status]);
}

/** The email jobs recorded for a user, newest first, with their template data. */
export async function emailJobs(t: TestApp, userId: string, template: string) {
  return query<{ id: string; params: { to: string; data: Record<string, unknown> } }>(
    t,
    `select id, params from job_requests
      where kind = 'email' and user_id = $1 and params->>'template' = $2
      order by created_at desc`,
    [userId, template],
  );
}

/** Polls until `check` holds (writes that happen after the response, such as access logs). */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 3000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
