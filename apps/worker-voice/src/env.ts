import { envBoolean, envInt, optionalString } from '@storytime/config';
import { parseWorkerEnv } from '@storytime/worker-kit';

const withDefault = (fallback: string) => optionalString.transform((value) => value ?? fallback);

/**
 * platform.md §12.4 plus the shared speech and media variables (§12.1). Without provider keys the
 * local voice narrates and the local media store keeps the audio (providers.md §8).
 */
export function loadWorkerEnv(source: Record<string, string | undefined> = process.env) {
  return parseWorkerEnv(
    { httpPort: 9102, shutdownTimeoutMs: 60_000 },
    {
      VOICE_WORKER_CONCURRENCY: envInt(1, 100).default(3),
      MEDIA_WORKER_CONCURRENCY: envInt(1, 100).default(4),
      ELEVEN_LABS_KEY: optionalString,
      ELEVENLABS_BASE_URL: withDefault('https://api.elevenlabs.io'),
      ELEVENLABS_TTS_MODEL: withDefault('eleven_multilingual_v2'),
      ELEVENLABS_STT_MODEL: withDefault('scribe_v2'),
      DEEPGRAM_API_KEY: optionalString,
      DEEPGRAM_BASE_URL: withDefault('https://api.deepgram.com'),
      DEEPGRAM_SSML: envBoolean.default(true),
      ESPEAK_VOICE_SPEED_WPM: envInt(80, 450).default(145),
      CLOUDINARY_CLOUD_NAME: optionalString,
      CLOUDINARY_API_KEY: optionalString,
      CLOUDINARY_API_SECRET: optionalString,
      CLOUDINARY_BASE_URL: withDefault('https://api.cloudinary.com'),
      MEDIA_TMP_DIR: optionalString,
    },
    source,
  );
}

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;

/** The media store settings: `/media/*` URLs are based on PUBLIC_MEDIA_BASE_URL, else BACKEND_BASE_URL. */
export function mediaEnvOf(env: WorkerEnv) {
  return { ...env, publicMediaBaseUrl: env.PUBLIC_MEDIA_BASE_URL ?? env.BACKEND_BASE_URL };
}
