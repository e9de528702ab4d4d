import type { Db, DbOrTx } from '@storytime/db';
import { upsertImportedVoice, type VoiceRef } from '@storytime/db/repositories/voices';
import type { PremiumService } from '../users/premium.service';
import { createVoiceLock, findRequestedVoice, identiconAvatar } from '../voice/voice-access';

/**
 * Choosing a preferred voice (KID-04; rules.md §7.1–7.2, fix 34): only system voices and the caller's
 * own are reachable, a raw ElevenLabs id becomes the caller's own Voice row, and free users are held
 * to CHARLIE plus one second voice. Resolution and the lock are shared with the voice module.
 */

export { DEFAULT_VOICE_KEY } from '../voice/voice-access';

/** What the ElevenLabs voice lookup (providers.md §2.5) tells us; null when ElevenLabs says 404. */
export interface ElevenLabsVoiceInfo {
  name: string;
  previewUrl: string | null;
}

/**
 * Injectable so the real client (packages/providers, later) can replace the offline default without
 * touching this module.
 */
export type ElevenLabsVoiceLookup = (elevenLabsVoiceId: string) => Promise<ElevenLabsVoiceInfo | null>;

/** Without `ELEVEN_LABS_KEY` nothing is looked up: the id itself names the voice. */
export const offlineVoiceLookup: ElevenLabsVoiceLookup = async (elevenLabsVoiceId) => ({
  name: elevenLabsVoiceId,
  previewUrl: null,
});

/** Name for an id ElevenLabs does not know, or when the lookup fails (non-critical, providers.md §2.5). */
export const UNKNOWN_VOICE_NAME = 'Imported ElevenLabs Voice';

export type VoiceChoice =
  | { kind: 'existing'; voice: VoiceRef }
  | { kind: 'import'; elevenLabsVoiceId: string; name: string; previewUrl: string | null };

export function createVoicePreference(deps: {
  db: Db;
  premium: PremiumService;
  lookup: ElevenLabsVoiceLookup;
  now: () => Date;
  warn?: (error: unknown, message: string) => void;
}) {
  const lock = createVoiceLock({ premium: deps.premium, now: deps.now });

  /**
   * Resolution without writes, so the network lookup happens before any transaction opens:
   * catalogue key → Voice UUID (else 404) → ElevenLabs id of a system or own voice → new import.
   */
  async function choose(userId: string, requested: string): Promise<VoiceChoice> {
    const known = await findRequestedVoice(deps.db, userId, requested);
    if (known) return { kind: 'existing', voice: known };
    let info: ElevenLabsVoiceInfo | null = null;
    try {
      info = await deps.lookup(requested);
    } catch (error) {
      deps.warn?.(error, 'ElevenLabs voice lookup failed; importing under the fallback name');
    }
    return {
      kind: 'import',
      elevenLabsVoiceId: requested,
      name: info?.name || UNKNOWN_VOICE_NAME,
      previewUrl: info?.previewUrl ?? null,
    };
  }

  /**
   * Inside the caller's transaction: creates the imported voice if needed, then applies the free-tier
   * lock (claiming the second-voice slot when it is empty). Returns the voice UUID to store.
   */
  async function apply(tx: DbOrTx, userId: string, choice: VoiceChoice): Promise<string> {
    const voice =
      choice.kind === 'existing'
        ? choice.voice
        : await upsertImportedVoice(tx, {
            userId,
            name: choice.name,
            elevenLabsVoiceId: choice.elevenLabsVoiceId,
            url: choice.previewUrl,
            voiceAvatar: identiconAvatar(choice.elevenLabsVoiceId),
          });
    await lock.claim(tx, userId, voice);
    return voice.id;
  }

  return { choose, apply };
}

export type VoicePreference = ReturnType<typeof createVoicePreference>;
