import { randomUUID } from 'node:crypto';
import { stories, storyAudioCache, subscriptions, voices } from '@storytime/db';
import { SYSTEM_VOICE_KEYS, systemVoiceSeed } from '@storytime/db/repositories/voice-catalogue';
import { narrationTextHash } from '@storytime/providers/speech-types';
import { createUser, type TestUser } from './factories';
import type { TestApp } from './helpers';

/** Shared set-up of the voice and story-audio tests (api.md §4.10, §6). */

export type SystemVoices = Record<string, string>;

/** The six system voices, inserted once for the shared database (idempotent); their ids by key. */
export async function seedSystemVoices(t: TestApp): Promise<SystemVoices> {
  await t.app.core.db
    .insert(voices)
    .values(
      SYSTEM_VOICE_KEYS.map((key) => {
        const seed = systemVoiceSeed(key)!;
        return {
          name: seed.name,
          type: 'system' as const,
          catalogueKey: key,
          elevenLabsVoiceId: seed.elevenLabsVoiceId,
        };
      }),
    )
    .onConflictDoNothing({ target: voices.catalogueKey });
  const { rows } = await t.deps.pool.query<{ id: string; catalogue_key: string }>(
    'select id, catalogue_key from voices where catalogue_key = any($1)',
    [[...SYSTEM_VOICE_KEYS]],
  );
  return Object.fromEntries(rows.map((row) => [row.catalogue_key, row.id]));
}

export async function premiumUser(t: TestApp): Promise<TestUser> {
  const user = await createUser(t.app);
  await t.app.core.db.insert(subscriptions).values({
    userId: user.id,
    plan: 'monthly',
    status: 'active',
    source: 'store',
    endsAt: new Date(Date.now() + 30 * 86_400_000),
  });
  return user;
}

/** A voice of the user's own. */
export async function ownVoice(
  t: TestApp,
  userId: string,
  values: { name?: string; elevenLabsVoiceId?: string; deleted?: boolean } = {},
): Promise<string> {
  const [row] = await t.app.core.db
    .insert(voices)
    .values({
      userId,
      name: values.name ?? 'Grandma',
      type: values.elevenLabsVoiceId ? 'elevenlabs' : 'uploaded',
      elevenLabsVoiceId: values.elevenLabsVoiceId ?? null,
      isDeleted: values.deleted ?? false,
    })
    .returning({ id: voices.id });
  return row!.id;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `app.inject` under /api/v1 as a user (or anonymously). */
export function call(
  t: TestApp,
  method: Method,
  url: string,
  options: { as?: TestUser | null; body?: unknown; headers?: Record<string, string> } = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(options.as ? options.as.auth : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
}

export async function query<Row = Record<string, unknown>>(
  t: TestApp,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  return (await t.deps.pool.query(text, params)).rows as Row[];
}

/** A public story with text of its own (unique per call, so audio keys never collide across tests). */
export async function insertNarratedStory(
  t: TestApp,
  values: Partial<typeof stories.$inferInsert> = {},
): Promise<{ id: string; text: string; textHash: string }> {
  const text =
    values.textContent === undefined
      ? `Once upon a time ${randomUUID()} lived in a test.`
      : values.textContent;
  const [row] = await t.app.core.db
    .insert(stories)
    .values({
      title: `audio-${randomUUID().slice(0, 8)}`,
      description: 'A story for the audio tests',
      language: 'English',
      ...values,
      textContent: text,
      textHash: text === null ? null : narrationTextHash(text),
    })
    .returning({ id: stories.id });
  return { id: row!.id, text: text ?? '', textHash: text === null ? '' : narrationTextHash(text) };
}

/** A narration as worker-voice leaves it in `story_audio_cache`. */
export async function cacheAudio(
  t: TestApp,
  values: {
    storyId: string | null;
    voiceKey: string;
    text: string;
    provider?: 'elevenlabs' | 'deepgram' | 'local';
    audioUrl?: string;
  },
): Promise<string> {
  const provider = values.provider ?? 'local';
  const audioUrl = values.audioUrl ?? `https://cdn.example.com/audio/${randomUUID()}-${provider}.mp3`;
  await t.app.core.db.insert(storyAudioCache).values({
    storyId: values.storyId,
    voiceKey: values.voiceKey,
    textHash: narrationTextHash(values.text),
    provider,
    audioUrl,
  });
  return audioUrl;
}

export interface JobRow {
  id: string;
  kind: string;
  job_name: string;
  status: string;
  priority: number;
  dedupe_key: string | null;
  user_id: string | null;
  params: Record<string, unknown>;
}

export async function jobsOf(t: TestApp, userId: string): Promise<JobRow[]> {
  return query<JobRow>(
    t,
    `select id, kind, job_name, status, priority, dedupe_key, user_id, params
       from job_requests where user_id = $1 order by created_at, id`,
    [userId],
  );
}
