import { counter, gauge, histogram } from '@storytime/observability';
import type { Queue } from 'bullmq';

export const jobDuration = histogram(
  'queue_job_duration_seconds',
  'Time spent processing a job',
  ['queue', 'name', 'status'],
  [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
);

export const jobsProcessed = counter('queue_jobs_processed_total', 'Jobs processed by outcome', [
  'queue',
  'name',
  'status',
]);

const queueJobs = gauge('queue_jobs', 'Jobs per queue and state (sampled)', ['queue', 'state']);

const SAMPLED_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

/** Samples the depth of the given queues on an interval (platform.md §8: every 15 s). */
export function startQueueSampler(queues: Queue[], intervalMs: number): () => void {
  const sample = async () => {
    for (const queue of queues) {
      try {
        const counts = await queue.getJobCounts(...SAMPLED_STATES);
        queueJobs.set(
          { queue: queue.name, state: 'waiting' },
          (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        );
        for (const state of ['active', 'delayed', 'failed', 'completed'] as const) {
          queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      } catch {
        // Redis down: keep the last sample; readiness reports the outage.
      }
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
