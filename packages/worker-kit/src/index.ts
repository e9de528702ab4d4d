export { createWorkerInfrastructure, runWorker, type WorkerInfrastructure } from './bootstrap';
export { type BaseWorkerEnv, parseWorkerEnv, workerEnvShape } from './config';
export { type ReadinessCheck, startWorkerHttpServer } from './http-server';
export { createProcessor } from './processor';
export {
  bindQueue,
  type QueueBinding,
  startWorkerRuntime,
  type WorkerRuntime,
  type WorkerRuntimeOptions,
} from './runtime';
export { unavailableHandler } from './unavailable-handler';
