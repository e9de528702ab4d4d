import { ProviderError } from '@storytime/errors';
import { createProviderClient, type ProviderLogger, type Sleep } from '../resilience';
import type { GeneratedStory, StoryPromptInput, StoryTextProvider } from '../story-types';
import { InvalidStoryOutputError, storyFromResponse } from './parse';
import { buildStoryPrompt } from './prompt';

export const GEMINI_DEFAULT_MODEL = 'gemini-2.5-flash';
export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** providers.md §0 table: 30 s, 3 attempts (1 s / 8 s / +0–25 %), breaker 5 / 60 s. */
export const GEMINI_POLICY = {
  timeoutMs: 30_000,
  retry: { attempts: 3, baseMs: 1_000, capMs: 8_000, jitter: 'percent25' as const },
  breaker: { failures: 5, openMs: 60_000 },
};

/** Usable-output attempts: the first plus one extra (providers.md §1.3 decision). */
const OUTPUT_ATTEMPTS = 2;

export interface GeminiClientOptions {
  apiKey: string;
  model?: string;
  baseUrl?: string;
  /** Overrides for tests: a short timeout, a fake clock and instant backoff waits. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  logger?: ProviderLogger;
}

/**
 * The real Gemini client (providers.md §1.1–§1.3). Transient failures are retried under §0 and end
 * as PROVIDER_UNAVAILABLE; other HTTP errors as PROVIDER_ERROR; an answer without a usable story
 * gets one more request, then AI_OUTPUT_INVALID. An unusable answer is a provider success for the
 * breaker: the service is up, the model misbehaved.
 */
export function createGeminiClient(options: GeminiClientOptions): StoryTextProvider {
  const model = options.model?.trim() || GEMINI_DEFAULT_MODEL;
  const baseUrl = (options.baseUrl?.trim() || GEMINI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const url = `${baseUrl}/v1beta/models/${encodeURIComponent(model)}:generateContent`;
  const http = createProviderClient({
    provider: 'gemini',
    timeoutMs: options.timeoutMs ?? GEMINI_POLICY.timeoutMs,
    retry: GEMINI_POLICY.retry,
    breaker: GEMINI_POLICY.breaker,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });

  async function generateStory(
    input: StoryPromptInput,
    callOptions: { signal?: AbortSignal } = {},
  ): Promise<GeneratedStory> {
    const body = JSON.stringify({
      contents: [{ role: 'user', parts: [{ text: buildStoryPrompt(input) }] }],
      generationConfig: { responseMimeType: 'application/json', temperature: 0.9, maxOutputTokens: 8192 },
    });
    const init: RequestInit = {
      method: 'POST',
      headers: { 'x-goog-api-key': options.apiKey, 'content-type': 'application/json' },
      body,
    };
    let last: InvalidStoryOutputError | undefined;
    for (let attempt = 1; attempt <= OUTPUT_ATTEMPTS; attempt += 1) {
      // The body is read inside the attempt so a stalled body is a timeout like any other.
      const raw = await http.request('generateContent', url, init, (response) => response.text(), {
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      });
      try {
        return storyFromResponse(parseJson(raw));
      } catch (error) {
        if (!(error instanceof InvalidStoryOutputError)) throw error;
        last = error;
        options.logger?.warn(
          {
            provider: 'gemini',
            attempt,
            reason: error.reason,
            detail: error.detail,
            responseLength: raw.length,
          },
          'gemini returned an unusable story',
        );
      }
    }
    throw new ProviderError('AI_OUTPUT_INVALID', 'gemini', 'The story generator returned an unusable story', {
      details: { reason: last?.reason },
      cause: last,
    });
  }

  return { name: 'gemini', generateStory };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidStoryOutputError('not_json', `unparsable response body (${raw.length} chars)`);
  }
}
