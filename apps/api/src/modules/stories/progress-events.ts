import type { DbOrTx } from '@storytime/db';
import { type EngagementEffects, recordEngagementEvent } from '../achievements/events';

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
  /** When it completed (the service's clock); defaults to now. */
  at?: Date;
  /** `APP_TIMEZONE`, for the local-time badges and streak days. */
  timeZone?: string;
}

/**
 * Everything a first completion triggers (activity log, badge progress for the kid and parent
 * scopes, the kid's +10 points, unlocks with their notifications and points), written with the
 * same `tx`. The caller drops the returned cache keys and tags after its commit.
 */
export async function onStoryCompleted(tx: DbOrTx, event: StoryCompletedEvent): Promise<EngagementEffects> {
  return recordEngagementEvent(
    tx,
    {
      type: 'story_read',
      parentId: event.parentId,
      kidId: event.kidId,
      refId: event.storyId,
      at: event.at ?? new Date(),
    },
    event.timeZone ? { timeZone: event.timeZone } : {},
  );
}
