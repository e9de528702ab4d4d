/** Queue and job names (platform.md §10.1). Producers and consumers import these; nobody types a string. */
export const QUEUE = {
  storyGeneration: 'story-generation',
  voiceSynthesis: 'voice-synthesis',
  media: 'media',
  email: 'email-queue',
  push: 'push-queue',
  storyMaintenance: 'story-maintenance',
  emailMaintenance: 'email-maintenance',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUE);

export const JOB = {
  generateStory: 'generate-story',
  synthesizeStory: 'synthesize-story',
  synthesizeText: 'synthesize-text',
  synthesizeParagraphs: 'synthesize-paragraphs',
  mediaTransfer: 'media-transfer',
  mediaDelete: 'media-delete',
  sendEmail: 'send-email',
  sendPush: 'send-push',
  sendPushBatch: 'send-push-batch',
  assignDailyChallenges: 'assign-daily-challenges',
  cleanup: 'cleanup',
  dbBackup: 'db-backup',
  weeklyReports: 'weekly-reports',
} as const;

/** Cluster-wide schedules (platform.md §10.4), upserted idempotently by the owning worker. */
export const SCHEDULER = {
  dailyChallenges: 'daily-challenges',
  cleanup: 'cleanup',
  weeklyReports: 'weekly-reports',
} as const;

/** Job priorities of the roadmap (§7.2): BullMQ runs lower numbers first. */
export const PRIORITY = { high: 1, normal: 5, low: 10 } as const;

/** Which worker app consumes which queues; each worker refuses to start without all their handlers. */
export const QUEUE_OWNERS = {
  'worker-story': [QUEUE.storyGeneration, QUEUE.storyMaintenance],
  'worker-voice': [QUEUE.voiceSynthesis, QUEUE.media],
  'worker-email': [QUEUE.email, QUEUE.push, QUEUE.emailMaintenance],
} as const satisfies Record<string, readonly QueueName[]>;

/** Redis pub/sub channel carrying a job's progress events (platform.md §10.2). */
export const jobEventsChannel = (jobId: string) => `job-events:${jobId}`;
