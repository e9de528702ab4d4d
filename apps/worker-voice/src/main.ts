import { describeSpeechProviders } from '@storytime/providers/speech-types';
import { createWorkerInfrastructure, runWorker } from '@storytime/worker-kit';
import { buildBindings } from './bindings';
import { createVoiceWorkerDeps } from './deps';
import { loadWorkerEnv } from './env';

const SERVICE = 'worker-voice';

const env = loadWorkerEnv();
const infra = createWorkerInfrastructure(SERVICE, env);
const deps = createVoiceWorkerDeps(env, infra);
// The startup line of providers.md §8: which implementation serves each capability.
infra.logger.info(
  { tts: describeSpeechProviders(env).tts, media: deps.stores.cloudinary ? 'cloudinary' : 'local' },
  'speech and media providers',
);
await runWorker(SERVICE, infra, buildBindings(env, deps));
