import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import { type DbOrTx, newId } from '@storytime/db';
import {
  addUserLearningExpectations,
  findAccountById,
  findActiveLearningExpectationIds,
  findCategoryIds,
  findUsableAvatarByUrl,
  insertOwnedAvatar,
  listActiveLearningExpectations,
  type ProfilePatch,
  replaceUserPreferredCategories,
  setOnboardingStatus,
  setUserAvatar,
  upsertProfile,
} from '@storytime/db/repositories/accounts';
import { findUserDto } from '@storytime/db/repositories/users';
import { AppError, fromDatabaseError, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { toUserDto, type UserDto } from '../../lib/dto/user-dto';
import type { Principal } from '../../plugins/principal';

export type ProfileDeps = Pick<CoreServices, 'db' | 'cache'>;

export interface CompleteProfileInput {
  language?: string | undefined;
  languageCode?: string | undefined;
  learningExpectationIds?: string[] | undefined;
  preferredCategories?: string[] | undefined;
  profileImageUrl?: string | undefined;
}

/** Rejects the ids that do not name a usable row, listing them under the request field. */
function requireAll(field: string, wanted: readonly string[], found: readonly string[]): void {
  const known = new Set(found);
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length === 0) return;
  throw new ValidationError(`Unknown ${field}`, [
    { path: `body.${field}`, message: `not found: ${missing.join(', ')}` },
  ]);
}

/**
 * The avatar for a URL: a non-deleted system avatar or one of the user's own with that URL, else a
 * new custom avatar owned by the user (named `user-avatar-{id}`, data-model.md `avatars`).
 */
export async function avatarForUrl(tx: DbOrTx, userId: string, url: string): Promise<string> {
  const existing = await findUsableAvatarByUrl(tx, userId, url);
  if (existing) return existing;
  const id = newId();
  return insertOwnedAvatar(tx, { id, name: `user-avatar-${id}`, url, ownerUserId: userId });
}

/** Onboarding profile and settings (AUTH-04, AUTH-05, AUTH-10). */
export function createProfileService(deps: ProfileDeps) {
  const { db, cache } = deps;

  async function currentUser(userId: string): Promise<UserDto> {
    const user = await findUserDto(db, userId);
    if (!user) throw new NotFoundError('User');
    return toUserDto(user);
  }

  /** AUTH-04: every choice, the profile upsert (fix 14) and the status change in one transaction. */
  async function completeProfile(caller: Principal, input: CompleteProfileInput): Promise<UserDto> {
    const expectationIds = [...new Set(input.learningExpectationIds ?? [])];
    const categoryIds = input.preferredCategories ? [...new Set(input.preferredCategories)] : undefined;
    try {
      await db.transaction(async (tx) => {
        const account = await findAccountById(tx, caller.userId);
        if (!account) throw new NotFoundError('User');
        if (account.onboardingStatus === 'pin_setup') {
          throw new AppError('ONBOARDING_ORDER', 'Profile setup is already completed');
        }
        requireAll(
          'learningExpectationIds',
          expectationIds,
          await findActiveLearningExpectationIds(tx, expectationIds),
        );
        if (categoryIds) {
          requireAll('preferredCategories', categoryIds, await findCategoryIds(tx, categoryIds));
          await replaceUserPreferredCategories(tx, caller.userId, categoryIds);
        }
        await addUserLearningExpectations(tx, caller.userId, expectationIds);
        if (input.profileImageUrl) {
          await setUserAvatar(
            tx,
            caller.userId,
            await avatarForUrl(tx, caller.userId, input.profileImageUrl),
          );
        }
        await upsertProfile(tx, caller.userId, {
          language: input.language,
          languageCode: input.languageCode,
        });
        await setOnboardingStatus(tx, caller.userId, 'profile_setup');
      });
    } catch (error) {
      throw fromDatabaseError(error, 'Profile');
    }
    await cache.del([cacheKeys.userPreferences(caller.userId)]);
    return currentUser(caller.userId);
  }

  /** AUTH-10: a new profile starts with country NG unless one is given. */
  async function updateProfile(caller: Principal, patch: ProfilePatch): Promise<UserDto> {
    try {
      await upsertProfile(db, caller.userId, patch);
    } catch (error) {
      throw fromDatabaseError(error, 'Profile');
    }
    await cache.del([cacheKeys.userPreferences(caller.userId)]);
    return currentUser(caller.userId);
  }

  /** AUTH-05, cached for an hour under the `catalogue` tag (platform.md §6). */
  function learningExpectations() {
    return cache.getOrSet(
      cacheKeys.learningExpectationsAll,
      CACHE_TTL.learningExpectationsAll,
      () => listActiveLearningExpectations(db),
      { tags: [cacheTags.catalogue] },
    );
  }

  return { completeProfile, updateProfile, learningExpectations };
}
