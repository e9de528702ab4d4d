import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ProviderError, ValidationError } from '@storytime/errors';
import { joinPieces, packPieces, splitPieces } from '../speech-types/text';
import { DEFAULT_LOCAL_VOICE, type SpeechProvider } from '../speech-types/types';
import { EspeakFailure, runEspeak } from './espeak';
import { encodeWav, type PcmFormat, parseWav, wavDurationMs } from './wav';

const PROVIDER = 'local';

/** `ESPEAK_VOICE_SPEED_WPM` default: ≈ 0.9 × espeak's normal 175 (providers.md §4). */
export const ESPEAK_DEFAULT_SPEED_WPM = 145;
/** Characters per espeak run: about half a second of blocking CPU each (see createLocalVoice). */
export const LOCAL_VOICE_CHUNK_LIMIT = 4_000;
/** The format providers.md §4 stores, which is what espeak-ng writes. */
export const LOCAL_VOICE_FORMAT: Readonly<PcmFormat> = { sampleRate: 22_050, channels: 1, bitsPerSample: 16 };

/** espeak-ng voice names: language[-variant…][+voice variant], e.g. `en-us+m3`, `en-gb-x-rp+f2`. */
const VOICE_NAME = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*(?:\+[a-z0-9]{1,16})?$/i;

export interface LocalVoiceOptions {
  /** `ESPEAK_VOICE_SPEED_WPM`, clamped to espeak's 80–450. */
  speedWpm?: number;
  /** Characters per espeak run; tests lower it to exercise the joining. */
  chunkLimit?: number;
}

export type LocalVoice = SpeechProvider & { readonly name: 'local' };

/**
 * The offline voice (providers.md §4): espeak-ng compiled to WebAssembly, in process, no network.
 * Returns one 22,050 Hz mono 16-bit WAV per synthesis. Long texts are cut at sentence boundaries into
 * runs of a few thousand characters whose PCM is joined under one header: one WAV, no header inside
 * the audio; each run blocks the event loop for about half a second, and the loop gets a turn between
 * runs (a single run over a 50,000-character story blocks it for ~5 s).
 */
export function createLocalVoice(options: LocalVoiceOptions = {}): LocalVoice {
  const speedWpm = Math.min(450, Math.max(80, Math.round(options.speedWpm ?? ESPEAK_DEFAULT_SPEED_WPM)));
  const chunkLimit = options.chunkLimit ?? LOCAL_VOICE_CHUNK_LIMIT;

  async function speak(text: string, voice: string): Promise<Buffer> {
    try {
      return await runEspeak({ text, voice, speedWpm });
    } catch (error) {
      // An unknown variant should not silence the last link of the chain: retry with the base voice.
      if (error instanceof EspeakFailure && voice !== DEFAULT_LOCAL_VOICE) {
        return runEspeak({ text, voice: DEFAULT_LOCAL_VOICE, speedWpm });
      }
      throw error;
    }
  }

  return {
    name: PROVIDER,

    async synthesize(text, voice, callOptions = {}) {
      const chunks = packPieces(splitPieces(text), chunkLimit, joinPieces);
      if (chunks.length === 0) throw new ValidationError('There is no text to narrate');
      const requested = voice.localVoice?.trim();
      const voiceName = requested && VOICE_NAME.test(requested) ? requested : DEFAULT_LOCAL_VOICE;
      const pcm: Buffer[] = [];
      try {
        for (const chunk of chunks) {
          callOptions.signal?.throwIfAborted();
          const wav = parseWav(await speak(chunk, voiceName));
          if (
            wav.sampleRate !== LOCAL_VOICE_FORMAT.sampleRate ||
            wav.channels !== LOCAL_VOICE_FORMAT.channels ||
            wav.bitsPerSample !== LOCAL_VOICE_FORMAT.bitsPerSample
          ) {
            throw new Error(
              `unexpected espeak-ng output ${wav.sampleRate} Hz × ${wav.channels} × ${wav.bitsPerSample} bit`,
            );
          }
          pcm.push(wav.pcm);
          await yieldToEventLoop();
        }
      } catch (error) {
        if (callOptions.signal?.aborted) throw callOptions.signal.reason ?? error;
        throw new ProviderError('PROVIDER_ERROR', PROVIDER, 'The local voice could not synthesise the text', {
          details: { operation: 'tts' },
          cause: error,
        });
      }
      const data = Buffer.concat(pcm);
      return {
        audio: encodeWav(data, LOCAL_VOICE_FORMAT),
        mimeType: 'audio/wav',
        durationMs: wavDurationMs(data.length, LOCAL_VOICE_FORMAT),
      };
    },
  };
}
