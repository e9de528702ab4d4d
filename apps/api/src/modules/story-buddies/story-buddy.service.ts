import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import { findKidDto } from '@storytime/db/repositories/kids';
import {
  type BuddyRecord,
  findBuddyState,
  findChallengeWord,
  findKidBuddy,
  findVisibleStoryTitle,
  insertBuddyInteraction,
  listBuddies,
  setKidBuddy,
} from '@storytime/db/repositories/story-buddies';
import { NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { buddyMessage, STORY_CONTEXTS, selectionMessage } from './buddy-messages';

/** BUDDY-01..07 (api.md §5, rules.md §13): the public catalogue and a kid's buddy. */

const RESOURCE = 'Story buddy';

export interface MessageInput {
  context: string;
  contextId?: string | undefined;
  message?: string | undefined;
}

export function createStoryBuddyService(core: CoreServices) {
  const { db, cache } = core;

  /** BUDDY-01: `story-buddies:all`, dropped by every buddy write through the `buddies` tag. */
  function activeBuddies(): Promise<BuddyRecord[]> {
    return cache.getOrSet(
      cacheKeys.storyBuddiesAll,
      CACHE_TTL.storyBuddiesAll,
      () => listBuddies(db, { activeOnly: true }),
      { tags: [cacheTags.buddies] },
    );
  }

  /** The kid's live buddy, after the ownership check; 404 when the kid has none. */
  async function requireKidBuddy(caller: Principal, kidId: string) {
    await requireOwnedKid(db, caller, kidId);
    const found = await findKidBuddy(db, kidId);
    if (!found) throw new NotFoundError(RESOURCE);
    return found;
  }

  /** `contextData` (rules.md §13): only for ids the family may see; anything else is `{}`. */
  async function contextDataOf(input: MessageInput, parentId: string) {
    if (!input.contextId) return {};
    if (input.context === 'challenge') return (await findChallengeWord(db, input.contextId, parentId)) ?? {};
    if (STORY_CONTEXTS.has(input.context))
      return (await findVisibleStoryTitle(db, input.contextId, parentId)) ?? {};
    return {};
  }

  return {
    listActive: activeBuddies,

    /** BUDDY-02: the public sees the active catalogue only, so it is read from the cached list. */
    async get(id: string): Promise<BuddyRecord> {
      const buddy = (await activeBuddies()).find((candidate) => candidate.id === id);
      if (!buddy) throw new NotFoundError(RESOURCE);
      return buddy;
    },

    /** BUDDY-03/07: one transaction sets the choice and logs it; the kid's cached views are dropped. */
    async select(caller: Principal, kidId: string, buddyId: string) {
      const kid = await requireOwnedKid(db, caller, kidId);
      const buddy = await db.transaction(async (tx) => {
        // Shares the row lock a buddy delete takes, so the delete sees this choice (or this sees it).
        const found = await findBuddyState(tx, buddyId, { lock: 'share' });
        if (!found || found.isDeleted || !found.isActive)
          throw new ValidationError('The story buddy does not exist or is not active', [
            { path: 'body.buddyId', message: 'not an active story buddy' },
          ]);
        await setKidBuddy(tx, kidId, buddyId, core.now());
        await insertBuddyInteraction(tx, { kidId, buddyId, interactionType: 'buddy_selected' });
        const { isDeleted: _deleted, imagePublicId: _image, ...record } = found;
        return record;
      });
      await cache.del([cacheKeys.kidProfile(kidId), cacheKeys.userKids(kid.parentId)]);
      const dto = await findKidDto(db, kidId);
      if (!dto) throw new NotFoundError('Kid');
      return { kid: dto, buddy, message: selectionMessage(dto.name, buddy.displayName) };
    },

    /** BUDDY-04. */
    async kidBuddy(caller: Principal, kidId: string) {
      const { buddy, selectedAt } = await requireKidBuddy(caller, kidId);
      return { buddy, selectedAt };
    },

    /** BUDDY-05: the welcome line, logged as a `greeting`. */
    async welcome(caller: Principal, kidId: string) {
      const { buddy, kidName } = await requireKidBuddy(caller, kidId);
      await insertBuddyInteraction(db, { kidId, buddyId: buddy.id, interactionType: 'greeting' });
      return { buddy, message: buddyMessage('welcome', kidName, buddy.displayName) };
    },

    /** BUDDY-06: the context's line (or the client's own text), logged with the context; texts are not stored. */
    async message(caller: Principal, kidId: string, input: MessageInput) {
      const { buddy, kidName } = await requireKidBuddy(caller, kidId);
      const contextData = await contextDataOf(input, caller.userId);
      await insertBuddyInteraction(db, {
        kidId,
        buddyId: buddy.id,
        interactionType: input.context,
        context: input.context,
        contextId: input.contextId ?? null,
      });
      return {
        buddy: {
          id: buddy.id,
          name: buddy.name,
          displayName: buddy.displayName,
          imageUrl: buddy.imageUrl,
          profileAvatarUrl: buddy.profileAvatarUrl,
        },
        message: input.message ? input.message : buddyMessage(input.context, kidName, buddy.displayName),
        imageUrl: buddy.imageUrl,
        profileAvatarUrl: buddy.profileAvatarUrl,
        context: input.context,
        contextData,
      };
    },
  };
}

export type StoryBuddyService = ReturnType<typeof createStoryBuddyService>;
