import type { DbOrTx, Tx } from '@storytime/db';
import { type CachedAudio, raiseJobPriority, type TtsProvider } from '@storytime/db/repositories/audio-cache';
import { findActiveJobByDedupeKey } from '@storytime/db/repositories/job-requests';
import { elevenLabsCountThisMonth, systemVoiceSeed } from '@storytime/db/repositories/voice-catalogue';
import { findSystemVoiceByKey, type VoiceRef } from '@storytime/db/repositories/voices';
import type { SpeechServices } from '@storytime/providers/speech-types';
import type { JobIntent, OutboxScope } from '@storytime/queue';
import type { PremiumService } from '../users/premium.service';
import { DEFAULT_VOICE_KEY, findRequestedVoice, monthOf } from './voice-access';

/**
 * The narration rules the audio routes share (rules.md §7.1, §7.3, §7.4): which voice a request
 * narrates with, whether ElevenLabs may still be used for the user, which cached audio answers, and
 * recording (or joining) the synthesis job.
 */

/** ElevenLabs narrations per user and UTC month (rules.md §7.3). */
export const ELEVENLABS_MONTHLY_LIMIT = { free: 2, premium: 20 } as const;

export interface NarrationVoice {
  /** The cache and job key: the catalogue key of a system voice, else the Voice UUID. */
  key: string;
  voice: VoiceRef | undefined;
  elevenLabsVoiceId: string | null;
}

/**
 * rules.md §7.1: catalogue key → Voice UUID (404 when not reachable) → ElevenLabs id of a catalogue
 * voice, then of the user's own; anything else narrates with CHARLIE.
 */
export async function resolveNarrationVoice(
  tx: DbOrTx,
  userId: string,
  requested: string | undefined,
): Promise<NarrationVoice> {
  const voice =
    (requested ? await findRequestedVoice(tx, userId, requested) : undefined) ??
    (await findSystemVoiceByKey(tx, DEFAULT_VOICE_KEY));
  if (!voice) {
    // The catalogue is not seeded: CHARLIE still narrates by its key.
    return {
      key: DEFAULT_VOICE_KEY,
      voice: undefined,
      elevenLabsVoiceId: systemVoiceSeed(DEFAULT_VOICE_KEY)?.elevenLabsVoiceId ?? null,
    };
  }
  const key = voice.userId === null && voice.catalogueKey ? voice.catalogueKey : voice.id;
  return { key, voice, elevenLabsVoiceId: voice.elevenLabsVoiceId };
}

export function createNarrationRules(deps: {
  premium: PremiumService;
  speech: SpeechServices;
  now: () => Date;
}) {
  const elevenLabs = deps.speech.speech.find((provider) => provider.name === 'elevenlabs');

  /**
   * rules.md §7.4 step 1, as far as the API can tell: the voice has an ElevenLabs id, ElevenLabs is
   * configured and its breaker (this process's view) is not open, and the user's monthly allowance is
   * not used up. worker-voice makes the final choice with its own breaker.
   */
  async function elevenLabsEligible(tx: DbOrTx, userId: string, voice: NarrationVoice): Promise<boolean> {
    if (!voice.elevenLabsVoiceId || !elevenLabs) return false;
    if (elevenLabs.breakerState?.() === 'open') return false;
    const limit = (await deps.premium.isPremium(userId, tx))
      ? ELEVENLABS_MONTHLY_LIMIT.premium
      : ELEVENLABS_MONTHLY_LIMIT.free;
    return (await elevenLabsCountThisMonth(tx, userId, monthOf(deps.now()))) < limit;
  }

  return { elevenLabsEligible };
}

export type NarrationRules = ReturnType<typeof createNarrationRules>;

const FALLBACK_ORDER: TtsProvider[] = ['deepgram', 'local'];

/**
 * rules.md §7.4 steps 2–4: ElevenLabs audio always answers; when ElevenLabs may still be used, nothing
 * else does (a new synthesis can reach it); otherwise Deepgram's, then the local voice's.
 */
export function pickCachedAudio<T extends Pick<CachedAudio, 'provider'>>(
  rows: readonly T[],
  elevenLabsEligible: boolean,
): T | undefined {
  const elevenLabs = rows.find((row) => row.provider === 'elevenlabs');
  if (elevenLabs || elevenLabsEligible) return elevenLabs;
  for (const provider of FALLBACK_ORDER) {
    const row = rows.find((candidate) => candidate.provider === provider);
    if (row) return row;
  }
  return undefined;
}

export interface RecordedSynthesis {
  jobId: string;
  status: string;
  /** True when the request joined an active job for the same work (dedupe). */
  joined: boolean;
}

/**
 * Records the job, or joins the active one doing the same work (platform.md §10.1 dedupe); a joined
 * job the request now waits on takes the intent's (higher) priority.
 */
export async function recordOrJoin(
  tx: Tx,
  outbox: OutboxScope,
  intent: JobIntent,
): Promise<RecordedSynthesis> {
  if (intent.dedupeKey) {
    const active = await findActiveJobByDedupeKey(tx, intent.dedupeKey);
    if (active) {
      if (intent.priority !== undefined) await raiseJobPriority(tx, active.id, intent.priority);
      return { jobId: active.id, status: active.status, joined: true };
    }
  }
  const job = await outbox.add(intent);
  return { jobId: job.id, status: 'pending', joined: false };
}

/** The insert lost a race with a parallel request for the same work: the caller runs again and joins. */
export function isDedupeRace(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505' && constraint === 'job_requests_dedupe_key_active_uidx') return true;
    current = cause;
  }
  return false;
}
