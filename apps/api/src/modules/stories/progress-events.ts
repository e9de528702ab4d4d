import type { DbOrTx } from '@storytime/db';
import { insertActivityLog } from '@storytime/db/repositories/activity-logs';
import { currentWorkContext } from '@storytime/observability';

/**
 * The `story_read` event of rules.md §10.2, raised once per (kid, story) or (user, story): when a
 * progress row FIRST becomes completed. It runs inside the progress write's transaction, so the
 * event and the row commit or fail together.
 */
export interface StoryCompletedEvent {
  /** The parent account: `activity_logs.userId` and the owner of both badge scopes. */
  parentId: string;
  /** The kid whose progress completed; null for the parent's own progress (parent scope only). */
  kidId: string | null;
  storyId: string;
}

/**
 * The hook point for everything a first completion triggers. Today it writes the activity log
 * (which also feeds streaks, rules.md §10.3). Badge progress for the kid and parent scopes
 * (rules.md §10.2) and the kid's +10 points (rules.md §11, kid scope only) belong here too, written
 * with the same `tx`.
 */
export async function onStoryCompleted(tx: DbOrTx, event: StoryCompletedEvent): Promise<void> {
  await insertActivityLog(tx, {
    userId: event.parentId,
    kidId: event.kidId,
    action: 'story_read',
    status: 'SUCCESS',
    details: JSON.stringify({ storyId: event.storyId }),
    requestId: currentWorkContext()?.requestId ?? null,
  });
}
