export { dispatchRecordedJobs, payloadFor } from './dispatch';
export { createOutbox, type Outbox, type OutboxScope } from './outbox';
export { type JobIntent, type JobKind, type RecordedJob, recordJob } from './record';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay';
