import { describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';

const base = { DATABASE_URL: 'postgres://unused/unused' };

describe('worker-story env', () => {
  it('has the defaults of platform.md §12.3', () => {
    const env = loadWorkerEnv(base);
    expect(env).toMatchObject({
      WORKER_HTTP_PORT: 9101,
      STORY_WORKER_CONCURRENCY: 2,
      GENERATION_AUDIO_WAIT_MS: 25_000,
      DAILY_CHALLENGE_BATCH_SIZE: 500,
    });
    expect(env.GEMINI_API_KEY).toBeUndefined();
    expect(env.STORY_GENERATION_LOCK_MS).toBeUndefined();
    expect(env.COVER_IMAGE_URL_TEMPLATE).toBeUndefined();
  });

  it('reads the Gemini settings and keeps an empty cover template (= the default cover)', () => {
    const env = loadWorkerEnv({
      ...base,
      GEMINI_API_KEY: ' key ',
      GEMINI_MODEL: 'gemini-x',
      GEMINI_BASE_URL: 'http://127.0.0.1:1',
      COVER_IMAGE_URL_TEMPLATE: '',
      GENERATION_AUDIO_WAIT_MS: '500',
    });
    expect(env).toMatchObject({
      GEMINI_API_KEY: 'key',
      GEMINI_MODEL: 'gemini-x',
      GEMINI_BASE_URL: 'http://127.0.0.1:1',
      COVER_IMAGE_URL_TEMPLATE: '',
      GENERATION_AUDIO_WAIT_MS: 500,
    });
  });

  it('refuses a lock override below one second', () => {
    expect(() => loadWorkerEnv({ ...base, STORY_GENERATION_LOCK_MS: '10' })).toThrow(
      /STORY_GENERATION_LOCK_MS/,
    );
  });
});
