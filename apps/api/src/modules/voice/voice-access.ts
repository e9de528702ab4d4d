import type { DbOrTx } from '@storytime/db';
import {
  claimSecondVoice,
  findReachableVoiceByElevenLabsId,
  findReachableVoiceById,
  findSecondVoiceId,
  findSystemVoiceByKey,
  type VoiceRef,
} from '@storytime/db/repositories/voices';
import { AppError, NotFoundError } from '@storytime/errors';
import type { PremiumService } from '../users/premium.service';

/**
 * Voice rules shared by the voice module, the audio routes and KID-04 (rules.md §7.1–7.2, fixes 13
 * and 34): which voice a requested id names, and which voices a free user may use.
 */

export const DEFAULT_VOICE_KEY = 'CHARLIE' as const;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATALOGUE_KEY_PATTERN = /^[A-Za-z]{2,20}$/;

/** Avatar of an uploaded voice without one (rules.md §7.1). */
export const initialsAvatar = (name: string) =>
  `https://api.dicebear.com/7.x/initials/svg?seed=${encodeURIComponent(name)}`;

/** Avatar of an imported ElevenLabs voice (rules.md §7.1). */
export const identiconAvatar = (elevenLabsVoiceId: string) =>
  `https://api.dicebear.com/7.x/identicon/svg?seed=${encodeURIComponent(elevenLabsVoiceId)}`;

/** `YYYY-MM` (UTC) of the monthly counters in `user_usages`. */
export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/**
 * A requested id among the voices the user may reach: catalogue key (case-insensitive) → Voice UUID
 * (a system voice or the user's own, not deleted; anything else is 404, never someone else's voice)
 * → the ElevenLabs id of a system voice, then of the user's own. Undefined when nothing matches.
 */
export async function findRequestedVoice(
  db: DbOrTx,
  userId: string,
  requested: string,
): Promise<VoiceRef | undefined> {
  if (CATALOGUE_KEY_PATTERN.test(requested)) {
    const system = await findSystemVoiceByKey(db, requested);
    if (system) return system;
  }
  if (UUID_PATTERN.test(requested)) {
    const voice = await findReachableVoiceById(db, userId, requested);
    if (!voice) throw new NotFoundError('Voice');
    return voice;
  }
  return findReachableVoiceByElevenLabsId(db, userId, requested);
}

/** True for CHARLIE, which every user may use. */
export const isDefaultVoice = (voice: Pick<VoiceRef, 'userId' | 'catalogueKey'>) =>
  voice.userId === null && voice.catalogueKey === DEFAULT_VOICE_KEY;

export function voiceLockedError(secondVoiceId: string | null): AppError {
  return new AppError('VOICE_LOCKED', 'This voice needs a premium subscription', {
    details: { allowedVoices: [DEFAULT_VOICE_KEY, ...(secondVoiceId ? [secondVoiceId] : [])] },
  });
}

/**
 * The free-tier voice lock (rules.md §7.2): free users may use CHARLIE and their one second voice;
 * premium users every voice they can reach.
 */
export function createVoiceLock(deps: { premium: PremiumService; now: () => Date }) {
  /** Narration: a voice outside the allowed set is refused (nothing is claimed). */
  async function assertMayNarrate(tx: DbOrTx, userId: string, voice: VoiceRef | undefined): Promise<void> {
    if (!voice || isDefaultVoice(voice)) return;
    if (await deps.premium.isPremium(userId, tx)) return;
    const second = await findSecondVoiceId(tx, userId);
    if (second !== voice.id) throw voiceLockedError(second);
  }

  /**
   * Choosing a preferred voice (user or kid): a voice outside the allowed set becomes the second voice
   * when none is selected yet (decision), else 403 `VOICE_LOCKED`.
   */
  async function claim(tx: DbOrTx, userId: string, voice: VoiceRef): Promise<void> {
    if (isDefaultVoice(voice)) return;
    if (await deps.premium.isPremium(userId, tx)) return;
    const second = await findSecondVoiceId(tx, userId);
    if (second === voice.id) return;
    if (second === null && (await claimSecondVoice(tx, userId, voice.id, monthOf(deps.now())))) return;
    // A concurrent request may have taken the empty slot between the read and the claim.
    throw voiceLockedError(second ?? (await findSecondVoiceId(tx, userId)));
  }

  return { assertMayNarrate, claim };
}

export type VoiceLock = ReturnType<typeof createVoiceLock>;
