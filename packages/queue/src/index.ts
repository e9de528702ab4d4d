export {
  type JobMeta,
  type JobNameOf,
  type JobPayload,
  jobMetaSchema,
  jobNamesOf,
  payloadSchema,
  QUEUE_CONTRACTS,
  type QueueContracts,
} from './contracts';
export { emailPriority } from './email-priority';
export { assertHandlersComplete, type HandlerTable, type JobHandler, MissingHandlerError } from './handlers';
export { holdChannel, isFinalStatus, type JobEvent, publishJobEvent, waitForJob } from './jobs/index';
export {
  ALL_QUEUES,
  JOB,
  jobEventsChannel,
  PRIORITY,
  QUEUE,
  QUEUE_OWNERS,
  type QueueName,
  SCHEDULER,
} from './names';
export {
  createOutbox,
  createOutboxRelay,
  dispatchRecordedJobs,
  type JobIntent,
  type JobKind,
  type Outbox,
  type OutboxRelay,
  type OutboxScope,
  payloadFor,
  type RecordedJob,
  recordJob,
} from './outbox/index';
export {
  type SynthesizeParagraphsParams,
  type SynthesizeStoryParams,
  type SynthesizeTextParams,
  synthesisDedupeKey,
  synthesizeParagraphsIntent,
  synthesizeParagraphsParamsSchema,
  synthesizeStoryIntent,
  synthesizeStoryParamsSchema,
  synthesizeTextIntent,
  synthesizeTextParamsSchema,
} from './params/voice';
export { createQueueProducer, type EnqueueOptions, type QueueProducer } from './producer';
export { createRedis, type Redis, type RedisRole, redisOptionsFor, waitForRedis } from './redis';
