import { randomUUID } from 'node:crypto';
import { buddyInteractions, dailyChallenges, stories, storyBuddies } from '@storytime/db';
import { insertBuddy } from '@storytime/db/repositories/story-buddies';
import { eq } from 'drizzle-orm';
import type { TestApp } from './helpers';

/** Shared set-up of the story buddy tests: rows of the test's own, named uniquely. */

export const uniqueBuddyName = (prefix = 'buddy') => `${prefix}-${randomUUID().slice(0, 12)}`;

/** A buddy written straight to the database (no cache invalidation: tests use that on purpose). */
export async function createBuddy(
  t: TestApp,
  options: { name?: string; isActive?: boolean; deleted?: boolean; imagePublicId?: string | null } = {},
) {
  const name = options.name ?? uniqueBuddyName();
  const buddy = await insertBuddy(t.app.core.db, {
    name,
    displayName: `${name} the Owl`,
    type: 'owl',
    description: 'A wise reading friend',
    imageUrl: `https://images.example.com/${name}.png`,
    isActive: options.isActive ?? true,
    imagePublicId: options.imagePublicId ?? null,
  });
  if (options.deleted)
    await t.app.core.db
      .update(storyBuddies)
      .set({ isDeleted: true, deletedAt: new Date() })
      .where(eq(storyBuddies.id, buddy.id));
  return buddy;
}

export async function interactionsOf(t: TestApp, kidId: string) {
  return t.app.core.db
    .select({
      buddyId: buddyInteractions.buddyId,
      interactionType: buddyInteractions.interactionType,
      context: buddyInteractions.context,
      contextId: buddyInteractions.contextId,
    })
    .from(buddyInteractions)
    .where(eq(buddyInteractions.kidId, kidId))
    .orderBy(buddyInteractions.timestamp, buddyInteractions.id);
}

/** A published story, public unless an owner is given. */
export async function createStory(t: TestApp, options: { ownerUserId?: string | null } = {}) {
  const [row] = await t.app.core.db
    .insert(stories)
    .values({
      title: `buddy-story-${randomUUID().slice(0, 8)}`,
      description: 'A test story',
      language: 'English',
      ownerUserId: options.ownerUserId ?? null,
    })
    .returning({ id: stories.id, title: stories.title });
  return row!;
}

export async function createChallenge(t: TestApp, storyId: string, word: string) {
  const [row] = await t.app.core.db
    .insert(dailyChallenges)
    .values({ storyId, challengeDate: '2024-05-01', wordOfTheDay: word, meaning: 'a test word' })
    .returning({ id: dailyChallenges.id });
  return row!.id;
}
