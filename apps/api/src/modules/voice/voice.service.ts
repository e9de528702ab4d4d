import { readFile } from 'node:fs/promises';
import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import {
  findPreferredVoiceRow,
  findVoiceRow,
  insertVoice,
  listOwnVoices,
  listSystemVoices,
  saveSecondVoice,
  setPreferredVoice,
} from '@storytime/db/repositories/voice-catalogue';
import { findSecondVoiceId, upsertImportedVoice, type VoiceRef } from '@storytime/db/repositories/voices';
import {
  AppError,
  fromDatabaseError,
  NotFoundError,
  ProviderError,
  ValidationError,
} from '@storytime/errors';
import { MEDIA_FOLDERS } from '@storytime/media';
import type { SpeechServices } from '@storytime/providers/speech-types';
import type { CoreServices } from '../../composition';
import type { MediaService, StagedMedia } from '../../media/media.service';
import { discardUpload, type UploadedFile } from '../../media/multipart';
import type { PremiumService } from '../users/premium.service';
import { EMPTY_VOICE, toVoiceDto, type VoiceDto } from './voice.schemas';
import {
  DEFAULT_VOICE_KEY,
  findRequestedVoice,
  identiconAvatar,
  initialsAvatar,
  monthOf,
  type VoiceLock,
} from './voice-access';

/** VOICE-01..08 and VOICE-11 (api.md §6; rules.md §7). */

export interface VoiceServiceDeps {
  premium: PremiumService;
  lock: VoiceLock;
  speech: SpeechServices;
  media: MediaService;
}

export function createVoiceService(core: CoreServices, deps: VoiceServiceDeps) {
  const { db } = core;

  async function dto(voiceId: string): Promise<VoiceDto> {
    const row = await findVoiceRow(db, voiceId);
    if (!row) throw new NotFoundError('Voice');
    return toVoiceDto(row);
  }

  /** A voice the user may reach: system or own, by catalogue key, UUID or ElevenLabs id; else 404. */
  async function reachable(userId: string, requested: string): Promise<VoiceRef> {
    const voice = await findRequestedVoice(db, userId, requested);
    if (!voice) throw new NotFoundError('Voice');
    return voice;
  }

  /** VOICE-01's gate, checked before the upload is read (fix 13: cloning was ungated). */
  async function requirePremium(userId: string): Promise<void> {
    if (!(await deps.premium.isPremium(userId)))
      throw new AppError('SUBSCRIPTION_REQUIRED', 'Voice cloning needs a premium subscription');
  }

  /**
   * VOICE-01: the sample is stored (folder `storytime/voices`, kept as the preview), cloned with
   * ElevenLabs when configured, and recorded as an `uploaded` voice. A failed clone deletes the sample.
   */
  async function upload(userId: string, name: string, file: UploadedFile) {
    // The provider needs the bytes; staging consumes the temporary file.
    const sample = deps.speech.clone
      ? await readFile(file.path).catch(async (error: unknown) => {
          await discardUpload(file);
          throw error;
        })
      : null;
    const staged = await deps.media.stage(file, { ownerUserId: userId, folder: MEDIA_FOLDERS.voices });
    let elevenLabsVoiceId: string | null = null;
    if (deps.speech.clone && sample) {
      try {
        elevenLabsVoiceId = (await deps.speech.clone.clone(name, sample, file.mimeType)).voiceId;
      } catch (error) {
        await deps.media.discard(staged);
        core.logger.warn({ err: error, userId }, 'voice cloning failed; the sample was deleted');
        throw new ProviderError('PROVIDER_ERROR', 'elevenlabs', 'The voice could not be cloned', {
          cause: error,
        });
      }
    }
    const voice = await recordUpload(userId, name, staged, elevenLabsVoiceId);
    return {
      message: 'Voice uploaded successfully',
      voice: toVoiceDto(voice),
      cloudinary: { url: staged.url, publicId: staged.publicId },
    };
  }

  async function recordUpload(
    userId: string,
    name: string,
    staged: StagedMedia,
    elevenLabsVoiceId: string | null,
  ) {
    try {
      return await core.outbox.transaction(async (tx, outbox) => {
        await deps.media.record(tx, staged);
        const voice = await insertVoice(tx, {
          userId,
          name,
          type: 'uploaded',
          url: staged.url,
          elevenLabsVoiceId,
          voiceAvatar: initialsAvatar(name),
          samplePublicId: staged.publicId,
        });
        await deps.media.scheduleTransfer(outbox, staged, [{ table: 'voices', column: 'url', id: voice.id }]);
        return voice;
      });
    } catch (error) {
      await deps.media.discard(staged);
      throw fromDatabaseError(error, 'Voice');
    }
  }

  /** VOICE-02: the caller's row for an ElevenLabs voice; registering it again returns the same row. */
  async function registerElevenLabs(userId: string, input: { name: string; elevenLabsVoiceId: string }) {
    const voice = await db
      .transaction((tx) =>
        upsertImportedVoice(tx, {
          userId,
          name: input.name,
          elevenLabsVoiceId: input.elevenLabsVoiceId,
          url: null,
          voiceAvatar: identiconAvatar(input.elevenLabsVoiceId),
        }),
      )
      .catch((error: unknown) => {
        throw fromDatabaseError(error, 'Voice');
      });
    return dto(voice.id);
  }

  /** VOICE-03. */
  async function listOwn(userId: string): Promise<VoiceDto[]> {
    return (await listOwnVoices(db, userId)).map(toVoiceDto);
  }

  /** VOICE-04: only reachable voices (fix 34), under the free-tier lock (rules.md §7.2). */
  async function setPreferred(userId: string, requested: string): Promise<VoiceDto> {
    const voice = await reachable(userId, requested);
    await db.transaction(async (tx) => {
      await deps.lock.claim(tx, userId, voice);
      await setPreferredVoice(tx, userId, voice.id);
    });
    return dto(voice.id);
  }

  /** VOICE-05. */
  async function preferred(userId: string): Promise<VoiceDto | typeof EMPTY_VOICE> {
    const row = await findPreferredVoiceRow(db, userId);
    return row ? toVoiceDto(row) : EMPTY_VOICE;
  }

  /** VOICE-06: a free user's one voice besides CHARLIE; premium users have every voice already. */
  async function setSecondVoice(userId: string, requested: string) {
    if (await deps.premium.isPremium(userId))
      throw new ValidationError('Premium users can use every voice; no second voice is needed', [
        { path: 'body.voiceId', message: 'not needed for premium users' },
      ]);
    const voice = await reachable(userId, requested);
    await db.transaction((tx) => saveSecondVoice(tx, userId, voice.id, monthOf(core.now())));
    return { message: 'Second voice selected successfully', voiceId: voice.id };
  }

  /** VOICE-07. */
  async function access(userId: string) {
    const isPremium = await deps.premium.isPremium(userId);
    return {
      isPremium,
      unlimited: isPremium,
      defaultVoice: DEFAULT_VOICE_KEY,
      selectedSecondVoice: isPremium ? null : await findSecondVoiceId(db, userId),
      maxVoices: isPremium ? -1 : 2,
    };
  }

  /** VOICE-08: the six system voices in catalogue order, cached `voices:all` (platform.md §6). */
  async function available(): Promise<VoiceDto[]> {
    return core.cache.getOrSet(
      cacheKeys.voicesAll,
      CACHE_TTL.voicesAll,
      async () => (await listSystemVoices(db)).map(toVoiceDto),
      { tags: [cacheTags.catalogue] },
    );
  }

  /**
   * VOICE-11: ElevenLabs speech to text, then Deepgram (providers.md §2.2, §3.2), with the providers'
   * timeout. The bytes are read from the staged upload, which is deleted afterwards.
   */
  async function transcribe(file: UploadedFile): Promise<{ text: string }> {
    let audio: Buffer;
    try {
      audio = await readFile(file.path);
    } finally {
      await discardUpload(file);
    }
    let failure: unknown = providersUnavailable();
    for (const provider of deps.speech.transcription) {
      try {
        return { text: (await provider.transcribe(audio, file.mimeType)).text };
      } catch (error) {
        failure = error;
        core.logger.warn(
          { err: error, provider: provider.name },
          'transcription failed; trying the next provider',
        );
      }
    }
    throw failure;
  }

  function providersUnavailable(): AppError {
    return new ProviderError('PROVIDER_UNAVAILABLE', 'speech', 'No speech-to-text provider is configured');
  }

  /** VOICE-11 refuses before reading the upload when no provider could transcribe it. */
  function requireTranscription(): void {
    if (deps.speech.transcription.length === 0) throw providersUnavailable();
  }

  return {
    requirePremium,
    upload,
    registerElevenLabs,
    listOwn,
    setPreferred,
    preferred,
    setSecondVoice,
    access,
    available,
    requireTranscription,
    transcribe,
  };
}

export type VoiceService = ReturnType<typeof createVoiceService>;
