import type { TtsProvider } from '@storytime/db/repositories/narration';
import { ProviderError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import type { SpeechProvider, SynthesisResult, VoiceParams } from '@storytime/providers/speech-types';
import { errorMessage } from '../jobs/job-run';

/**
 * The selection of rules.md §7.4 for one piece of text, over the rows already cached for its key:
 *  1. a cached ElevenLabs row is served (cache hits cost nothing and never count);
 *  2. else, when ElevenLabs-eligible, the chain runs from ElevenLabs;
 *  3. else a cached Deepgram (then local) row is served;
 *  4. else the chain runs without ElevenLabs.
 * Chain: ElevenLabs → Deepgram → local voice; any provider error or open breaker moves to the next,
 * and a provider whose audio is already cached is served from the cache instead of called again.
 */

export type Selection<C> =
  | { kind: 'cached'; provider: TtsProvider; row: C }
  | { kind: 'synthesised'; provider: TtsProvider; audio: SynthesisResult; skipped: ProviderFailure[] };

export interface ProviderFailure {
  provider: TtsProvider;
  reason: string;
}

export async function selectNarration<C>(options: {
  speech: SpeechProvider[];
  cached: Partial<Record<TtsProvider, C>>;
  elevenLabsEligible: boolean;
  text: string;
  voice: VoiceParams;
  log: Logger;
  signal?: AbortSignal;
}): Promise<Selection<C>> {
  const { cached, elevenLabsEligible } = options;
  if (cached.elevenlabs) return { kind: 'cached', provider: 'elevenlabs', row: cached.elevenlabs };
  if (!elevenLabsEligible) {
    if (cached.deepgram) return { kind: 'cached', provider: 'deepgram', row: cached.deepgram };
    if (cached.local) return { kind: 'cached', provider: 'local', row: cached.local };
  }
  const skipped: ProviderFailure[] = [];
  let lastError: unknown;
  for (const provider of options.speech) {
    if (provider.name === 'elevenlabs' && !elevenLabsEligible) continue;
    const hit = cached[provider.name];
    if (hit) return { kind: 'cached', provider: provider.name, row: hit };
    if (provider.breakerState?.() === 'open') {
      skipped.push({ provider: provider.name, reason: 'circuit open' });
      continue;
    }
    try {
      const audio = await provider.synthesize(
        options.text,
        options.voice,
        options.signal ? { signal: options.signal } : {},
      );
      return { kind: 'synthesised', provider: provider.name, audio, skipped };
    } catch (error) {
      options.signal?.throwIfAborted();
      lastError = error;
      skipped.push({ provider: provider.name, reason: errorMessage(error) });
      options.log.warn(
        { provider: provider.name, err: error },
        'speech provider failed; trying the next one',
      );
    }
  }
  // The local voice never needs the network, so this is rare: the queue retries the job.
  throw new ProviderError('PROVIDER_ERROR', 'speech', 'Every speech provider failed', {
    details: { providers: skipped },
    cause: lastError,
    retryable: true,
  });
}
