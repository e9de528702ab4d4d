import type { DbOrTx } from '@storytime/db';
import { findSystemVoiceRow, findVoiceRow } from '@storytime/db/repositories/narration';
import { voices as catalogue, type SeedVoice } from '@storytime/db/seed';
import {
  CUSTOM_VOICE_SETTINGS,
  DEEPGRAM_FALLBACK_MODEL,
  DEFAULT_LOCAL_VOICE,
  type VoiceParams,
} from '@storytime/providers/speech-types';
import { permanent } from '../jobs/job-run';

/**
 * The voice a job names (rules.md §7.1, providers.md §4). Producers resolve the caller's choice
 * first, so the job's `voiceKey` is a catalogue key or a Voice UUID: a catalogue key takes the
 * system row's ElevenLabs id and the catalogue's settings, Deepgram model and espeak-ng voice; a
 * UUID takes that row, with the custom-voice parameters unless it is a system voice.
 */

export interface ResolvedVoice {
  /** The key the audio is cached under (the job's `voiceKey`). */
  key: string;
  params: VoiceParams;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const byKey = new Map<string, SeedVoice>(catalogue.map((voice) => [voice.catalogueKey, voice]));

function catalogueParams(entry: SeedVoice, elevenLabsVoiceId: string | null | undefined): VoiceParams {
  return {
    // The row wins: an operator may have pointed a system voice at another ElevenLabs voice.
    elevenLabsVoiceId: elevenLabsVoiceId ?? entry.elevenLabsVoiceId,
    settings: entry.settings,
    deepgramModel: entry.deepgramModel,
    localVoice: entry.localVoice,
  };
}

export async function resolveVoice(
  db: DbOrTx,
  voiceKey: string,
  userId: string | null,
): Promise<ResolvedVoice> {
  const entry = byKey.get(voiceKey.toUpperCase());
  if (entry) {
    // Before the catalogue is seeded there is no row: the catalogue's own parameters still apply.
    const row = await findSystemVoiceRow(db, entry.catalogueKey);
    return { key: voiceKey, params: catalogueParams(entry, row?.elevenLabsVoiceId) };
  }
  if (!UUID.test(voiceKey)) throw permanent('VALIDATION_ERROR', `Unknown voice key ${voiceKey}`);
  const row = await findVoiceRow(db, voiceKey);
  // Someone else's voice is as good as missing (fix 34): never narrate with it.
  if (!row || (row.userId !== null && row.userId !== userId))
    throw permanent('RESOURCE_NOT_FOUND', 'Voice not found');
  const system = row.catalogueKey ? byKey.get(row.catalogueKey) : undefined;
  if (system) return { key: voiceKey, params: catalogueParams(system, row.elevenLabsVoiceId) };
  return {
    key: voiceKey,
    params: {
      elevenLabsVoiceId: row.elevenLabsVoiceId,
      settings: CUSTOM_VOICE_SETTINGS,
      deepgramModel: DEEPGRAM_FALLBACK_MODEL,
      localVoice: DEFAULT_LOCAL_VOICE,
    },
  };
}
