import { type DbOrTx, jobRequests } from '@storytime/db';
import { currentWorkContext } from '@storytime/observability';
import type { JobNameOf } from '../contracts';
import type { QueueName } from '../names';

export type JobKind = (typeof jobRequests.kind.enumValues)[number];

/** A job promised to a client, recorded in the same transaction as the business write (D16). */
interface JobIntentFor<Q extends QueueName> {
  kind: JobKind;
  queue: Q;
  jobName: JobNameOf<Q>;
  params?: Record<string, unknown>;
  userId?: string | null;
  kidId?: string | null;
  priority?: number;
  dedupeKey?: string;
  availableAt?: Date;
  /** Fixed id when the caller needs to know it before commit (e.g. to return it). */
  id?: string;
}

/** A job intent for any queue, with the job name checked against that queue's contract. */
export type JobIntent = { [Q in QueueName]: JobIntentFor<Q> }[QueueName];

export interface RecordedJob {
  id: string;
  queue: QueueName;
  jobName: string;
  priority: number;
  requestId: string | null;
  traceparent: string | null;
}

/** Inserts the `job_requests` row (status `pending`); the BullMQ job id will be this row's id. */
export async function recordJob(tx: DbOrTx, intent: JobIntent): Promise<RecordedJob> {
  const context = currentWorkContext();
  const [row] = await tx
    .insert(jobRequests)
    .values({
      ...(intent.id ? { id: intent.id } : {}),
      kind: intent.kind,
      queue: intent.queue,
      jobName: intent.jobName,
      params: intent.params ?? {},
      userId: intent.userId ?? null,
      kidId: intent.kidId ?? null,
      priority: intent.priority ?? 5,
      dedupeKey: intent.dedupeKey ?? null,
      ...(intent.availableAt ? { availableAt: intent.availableAt } : {}),
      requestId: context?.requestId ?? null,
      traceparent: context?.traceparent ?? null,
    })
    .returning({
      id: jobRequests.id,
      priority: jobRequests.priority,
      requestId: jobRequests.requestId,
      traceparent: jobRequests.traceparent,
    });
  if (!row) throw new Error('job_requests insert returned no row');
  return { ...row, queue: intent.queue, jobName: intent.jobName };
}
