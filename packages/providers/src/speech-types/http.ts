import { ProviderError } from '@storytime/errors';
import type { z } from 'zod';
import { mp3DurationMs } from './mp3';

/** Helpers shared by the ElevenLabs and Deepgram clients for reading answers. */

/** A 2xx answer we cannot use: a provider fault, not retried (only transient failures are). */
export function malformed(provider: string, operation: string, reason: string): ProviderError {
  return new ProviderError(
    'PROVIDER_ERROR',
    provider,
    `${provider} ${operation} returned an unusable answer`,
    {
      details: { operation, reason },
    },
  );
}

export async function readJson<S extends z.ZodType>(
  response: Response,
  schema: S,
  provider: string,
  operation: string,
): Promise<z.infer<S>> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed(provider, operation, 'body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw malformed(provider, operation, 'unexpected JSON shape');
  return parsed.data;
}

/** The body as MP3: refused when empty or without a single MPEG audio frame. */
export async function readMp3(
  response: Response,
  provider: string,
  operation: string,
): Promise<{ audio: Buffer; durationMs: number }> {
  const audio = Buffer.from(await response.arrayBuffer());
  const durationMs = audio.length === 0 ? undefined : mp3DurationMs(audio);
  if (durationMs === undefined) throw malformed(provider, operation, 'body is not MP3 audio');
  return { audio, durationMs };
}

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/flac': 'flac',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/** A file name for a multipart upload, so the provider can sniff the container from it. */
export function uploadFileName(base: string, mimeType: string): string {
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return `${base}.${EXTENSIONS[type] ?? 'bin'}`;
}
