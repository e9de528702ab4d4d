import { createWorkerInfrastructure, runWorker } from '@storytime/worker-kit';
import { buildBindings } from './bindings';
import { loadWorkerEnv } from './env';

const SERVICE = 'worker-voice';

const env = loadWorkerEnv();
const infra = createWorkerInfrastructure(SERVICE, env);
await runWorker(SERVICE, infra, buildBindings(env));
