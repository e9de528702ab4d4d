import type { Db, DbOrTx } from '@storytime/db';
import {
  claimSecondVoice,
  findReachableVoiceByElevenLabsId,
  findReachableVoiceById,
  findSecondVoiceId,
  findSystemVoiceByKey,
  upsertImportedVoice,
  type VoiceRef,
} from '@storytime/db/repositories/voices';
import { AppError, NotFoundError } from '@storytime/errors';
import type { PremiumService } from '../users/premium.service';

/**
 * Choosing a preferred voice (KID-04; rules.md §7.1–7.2, fix 34): only system voices and the caller's
 * own are reachable, a raw ElevenLabs id becomes the caller's own Voice row, and free users are held
 * to CHARLIE plus one second voice.
 */

export const DEFAULT_VOICE_KEY = 'CHARLIE';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATALOGUE_KEY = /^[A-Za-z]{2,20}$/;

export type VoiceChoice =
  | { kind: 'existing'; voice: VoiceRef }
  | { kind: 'import'; elevenLabsVoiceId: string; name: string; previewUrl: string | null };

const identiconFor = (elevenLabsVoiceId: string) =>
  `https://api.dicebear.com/7.x/identicon/svg?seed=${encodeURIComponent(elevenLabsVoiceId)}`;

const monthOf = (at: Date) => at.toISOString().slice(0, 7);

export function createVoicePreference(deps: {
  db: Db;
  premium: PremiumService;
  lookup: ElevenLabsVoiceLookup;
  now: () => Date;
  warn?: (error: unknown, message: string) => void;
}) {
  /**
   * Resolution without writes, so the network lookup happens before any transaction opens:
   * catalogue key → Voice UUID (else 404) → ElevenLabs id of a system or own voice → new import.
   */
  async function choose(userId: string, requested: string): Promise<VoiceChoice> {
    if (CATALOGUE_KEY.test(requested)) {
      const system = await findSystemVoiceByKey(deps.db, requested);
      if (system) return { kind: 'existing', voice: system };
    }
    if (UUID.test(requested)) {
      const voice = await findReachableVoiceById(deps.db, userId, requested);
      if (!voice) throw new NotFoundError('Voice');
      return { kind: 'existing', voice };
    }
    const known = await findReachableVoiceByElevenLabsId(deps.db, userId, requested);
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
            voiceAvatar: identiconFor(choice.elevenLabsVoiceId),
          });
    if (voice.userId === null && voice.catalogueKey === DEFAULT_VOICE_KEY) return voice.id;
    if (await deps.premium.isPremium(userId)) return voice.id;
    const second = await findSecondVoiceId(tx, userId);
    if (second === voice.id) return voice.id;
    if (second === null && (await claimSecondVoice(tx, userId, voice.id, monthOf(deps.now()))))
      return voice.id;
    // A concurrent request may have taken the empty slot between the read and the claim.
    const holder = second ?? (await findSecondVoiceId(tx, userId));
    const allowedVoices = [DEFAULT_VOICE_KEY, ...(holder ? [holder] : [])];
    throw new AppError('VOICE_LOCKED', 'This voice needs a premium subscription', {
      details: { allowedVoices },
    });
  }

  return { choose, apply };
}

export type VoicePreference = ReturnType<typeof createVoicePreference>;
