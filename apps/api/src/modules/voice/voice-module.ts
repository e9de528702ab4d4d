import { createSpeechServices } from '@storytime/providers/speech-types';
import type { CoreServices } from '../../composition';
import { mediaServiceFor } from '../../media/media.service';
import { createQuotaService } from '../quota/quota.service';
import { createPremiumService } from '../users/premium.service';
import { createAudioService } from './audio.service';
import { createJobWaiter } from './job-waiter';
import { createNarrationRules } from './narration';
import { createParagraphAudioService } from './paragraph-audio.service';
import { createVoiceService } from './voice.service';
import { createVoiceLock } from './voice-access';

/**
 * The voice module's services, built once per app and shared by its two route plugins: one set of
 * provider clients (so one breaker view), and one subscriber connection for waiting requests.
 */
function createVoiceModule(core: CoreServices) {
  const premium = createPremiumService({ db: core.db, cache: core.cache, now: core.now });
  const quota = createQuotaService({ premium, now: core.now });
  const lock = createVoiceLock({ premium, now: core.now });
  const speech = createSpeechServices(core.config.env, {
    logger: { warn: (fields, message) => core.logger.warn(fields, message) },
  });
  const rules = createNarrationRules({ premium, speech, now: core.now });
  const waiter = createJobWaiter({
    db: core.db,
    redisUrl: core.config.env.REDIS_URL,
    prefix: core.config.env.CACHE_PREFIX,
  });
  const audio = createAudioService(core, { quota, lock, rules, waiter });
  return {
    voices: createVoiceService(core, { premium, lock, speech, media: mediaServiceFor(core) }),
    audio,
    paragraphs: createParagraphAudioService(core, { audio, quota, rules, waiter }),
    close: () => waiter.close(),
  };
}

export type VoiceModule = ReturnType<typeof createVoiceModule>;

const modules = new WeakMap<CoreServices, VoiceModule>();

export function voiceModuleFor(core: CoreServices): VoiceModule {
  let module = modules.get(core);
  if (!module) {
    module = createVoiceModule(core);
    modules.set(core, module);
  }
  return module;
}
