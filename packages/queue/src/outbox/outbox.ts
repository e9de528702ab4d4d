import type { Db, Tx } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import type { QueueProducer } from '../producer';
import { dispatchRecordedJobs } from './dispatch';
import { type JobIntent, type RecordedJob, recordJob } from './record';

export interface OutboxScope {
  /** Records a job in the current transaction; it is enqueued only if the transaction commits. */
  add(intent: JobIntent): Promise<RecordedJob>;
}

export interface Outbox {
  /**
   * Runs `work` in one transaction with an outbox scope; after the commit, the recorded jobs are
   * enqueued at once. A rollback records nothing, and a failed enqueue leaves the row to the relay.
   */
  transaction<T>(work: (tx: Tx, outbox: OutboxScope) => Promise<T>): Promise<T>;
}

export function createOutbox(db: Db, producer: QueueProducer, logger?: Logger): Outbox {
  return {
    async transaction(work) {
      const recorded: RecordedJob[] = [];
      const result = await db.transaction(async (tx) =>
        work(tx, {
          async add(intent) {
            const job = await recordJob(tx, intent);
            recorded.push(job);
            return job;
          },
        }),
      );
      if (recorded.length > 0) await dispatchRecordedJobs(db, producer, recorded, logger);
      return result;
    },
  };
}
