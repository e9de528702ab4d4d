import { cacheKeys } from '@storytime/cache';
import { type DbOrTx, newId } from '@storytime/db';
import {
  findActiveLearningExpectationIds,
  findCategoryIds,
  findUsableAvatarByUrl,
  insertOwnedAvatar,
  replaceUserPreferredCategories,
  upsertProfile,
} from '@storytime/db/repositories/accounts';
import {
  findAssignableAvatarIds,
  kidIdsOfParent,
  replaceUserLearningExpectations,
  updateUserFields,
} from '@storytime/db/repositories/profiles';
import { sessionIdsOfUser } from '@storytime/db/repositories/sessions';
import {
  countUsers,
  findAccountState,
  findUserRole,
  pageUserIds,
  setUserRole,
} from '@storytime/db/repositories/user-admin';
import { findUserDto, findUserDtos } from '@storytime/db/repositories/users';
import { AppError, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { toUserDto, type UserDto } from '../../lib/dto/user-dto';
import { requireSelfOrAdmin } from '../../lib/ownership';
import { toOffsetPage } from '../../lib/pagination';
import type { Principal } from '../../plugins/principal';
import { RESTORE_ENDPOINT } from '../auth/authenticator';
import { loadParentProfile } from './parent-profile';
import type { PremiumService } from './premium.service';

/** Profile and admin operations on users (api.md §3 USER-01..03, 12..15, 18, 19). */

const ASSIGNABLE_ROLES = ['admin', 'parent'] as const;
type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** Every id must name a usable row, else 400 naming the unknown ones; nothing is written. */
function requireAll(path: string, wanted: readonly string[], found: readonly string[], what: string): void {
  const known = new Set(found);
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new ValidationError(`Unknown ${what}`, [{ path, message: `unknown ids: ${missing.join(', ')}` }]);
  }
}

export interface ProfilePatch {
  name?: string | undefined;
  language?: string | undefined;
  country?: string | undefined;
  biometricsEnabled?: boolean | undefined;
}

function profileFields(patch: ProfilePatch) {
  return {
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.country !== undefined ? { country: patch.country } : {}),
  };
}

export function createUserService(core: CoreServices, premium: PremiumService) {
  const { db, cache } = core;

  /**
   * After a write: the profile part of `user:{id}:preferences` (platform.md §6) and, when the name
   * changed, the parent's kid views, whose `KidDto.parent` carries the name.
   */
  async function afterProfileWrite(userId: string, changed: { profile: boolean; name: boolean }) {
    const keys: string[] = [];
    if (changed.profile) keys.push(cacheKeys.userPreferences(userId));
    if (changed.name) {
      const kidIds = await kidIdsOfParent(db, userId);
      keys.push(cacheKeys.userKids(userId), ...kidIds.map((kidId) => cacheKeys.kidProfile(kidId)));
    }
    if (keys.length > 0) await cache.del(keys);
  }

  async function writeProfileFields(tx: DbOrTx, userId: string, patch: ProfilePatch): Promise<void> {
    const profile = profileFields(patch);
    if (Object.keys(profile).length > 0) await upsertProfile(tx, userId, profile);
  }

  function me(userId: string) {
    return loadParentProfile(db, premium, userId);
  }

  /** USER-01: a deactivated account gets 410 with what it needs to restore itself (api.md §0.1). */
  async function ownProfile(caller: Principal) {
    if (caller.deactivated) {
      const account = await findAccountState(db, caller.userId);
      throw new AppError('ACCOUNT_DEACTIVATED', 'This account is deactivated; restore it to continue', {
        details: {
          isDeleted: true,
          deletedAt: account?.deletedAt?.toISOString() ?? null,
          restoreEndpoint: RESTORE_ENDPOINT,
        },
      });
    }
    return me(caller.userId);
  }

  /** USER-02: fields, profile and both id sets in one transaction; unknown ids write nothing. */
  async function updateMe(
    userId: string,
    body: ProfilePatch & {
      preferredCategories?: string[] | undefined;
      learningExpectationIds?: string[] | undefined;
    },
  ) {
    await db.transaction(async (tx) => {
      const categoryIds = body.preferredCategories ? unique(body.preferredCategories) : undefined;
      const expectationIds = body.learningExpectationIds ? unique(body.learningExpectationIds) : undefined;
      if (categoryIds) {
        requireAll(
          'body.preferredCategories',
          categoryIds,
          await findCategoryIds(tx, categoryIds),
          'category',
        );
      }
      if (expectationIds) {
        requireAll(
          'body.learningExpectationIds',
          expectationIds,
          await findActiveLearningExpectationIds(tx, expectationIds),
          'learning expectation',
        );
      }
      if (categoryIds) await replaceUserPreferredCategories(tx, userId, categoryIds);
      if (expectationIds) await replaceUserLearningExpectations(tx, userId, expectationIds);
      await writeProfileFields(tx, userId, body);
      await updateUserFields(tx, userId, { name: body.name, biometricsEnabled: body.biometricsEnabled });
    });
    await afterProfileWrite(userId, { profile: true, name: body.name !== undefined });
    return me(userId);
  }

  /** USER-03: a system avatar or the caller's own, else 404 (fix 28). */
  async function setAvatar(userId: string, avatarId: string) {
    const [usable] = await findAssignableAvatarIds(db, userId, [avatarId]);
    if (!usable) throw new NotFoundError('Avatar');
    await updateUserFields(db, userId, { avatarId: usable });
    return me(userId);
  }

  async function userDto(userId: string): Promise<UserDto> {
    const record = await findUserDto(db, userId);
    if (!record) throw new NotFoundError('User');
    return toUserDto(record);
  }

  /** USER-14: the caller or an admin; anyone else gets 404 (fix 18). */
  function getUser(caller: Principal, userId: string) {
    requireSelfOrAdmin(caller, userId);
    return userDto(userId);
  }

  /** USER-15: the avatar by URL is found or created in the same transaction as the update. */
  async function updateUser(
    caller: Principal,
    userId: string,
    body: ProfilePatch & { avatarId?: string | undefined; avatarUrl?: string | undefined },
  ) {
    requireSelfOrAdmin(caller, userId);
    if (body.avatarId !== undefined && body.avatarUrl !== undefined) {
      throw new ValidationError('Send either avatarId or avatarUrl, not both', [
        { path: 'body.avatarUrl', message: 'not allowed together with avatarId' },
      ]);
    }
    await db.transaction(async (tx) => {
      if (!(await findAccountState(tx, userId))) throw new NotFoundError('User');
      let avatarId: string | undefined;
      if (body.avatarId !== undefined) {
        [avatarId] = await findAssignableAvatarIds(tx, userId, [body.avatarId]);
        if (!avatarId) throw new NotFoundError('Avatar');
      } else if (body.avatarUrl !== undefined) {
        avatarId = await findUsableAvatarByUrl(tx, userId, body.avatarUrl);
        if (!avatarId) {
          const id = newId();
          avatarId = await insertOwnedAvatar(tx, {
            id,
            name: `user-avatar-${id}`,
            url: body.avatarUrl,
            ownerUserId: userId,
          });
        }
      }
      await writeProfileFields(tx, userId, body);
      await updateUserFields(tx, userId, {
        name: body.name,
        biometricsEnabled: body.biometricsEnabled,
        avatarId,
      });
    });
    await afterProfileWrite(userId, {
      profile: body.language !== undefined || body.country !== undefined,
      name: body.name !== undefined,
    });
    return userDto(userId);
  }

  /** USER-12 / USER-13: offset pages, newest first; the count and the page run in parallel. */
  async function listUsers(options: { includeDeleted: boolean; page: number; limit: number }) {
    const offset = (options.page - 1) * options.limit;
    const [ids, total] = await Promise.all([
      pageUserIds(db, { includeDeleted: options.includeDeleted, limit: options.limit, offset }),
      countUsers(db, { includeDeleted: options.includeDeleted }),
    ]);
    const byId = new Map((await findUserDtos(db, ids)).map((record) => [record.id, record]));
    const items = ids.flatMap((id) => {
      const record = byId.get(id);
      return record ? [toUserDto(record)] : [];
    });
    return toOffsetPage(items, total, options.page, options.limit);
  }

  /** USER-18. */
  async function getRole(userId: string) {
    const row = await findUserRole(db, userId);
    if (!row) throw new NotFoundError('User');
    return row;
  }

  /**
   * USER-19. Sessions are kept but their cached summaries (which carry the role) are dropped, so the
   * new role applies within a second (fix 32); premium depends on the role too.
   */
  async function setRole(userId: string, role: string) {
    if (!ASSIGNABLE_ROLES.includes(role as AssignableRole)) {
      throw new AppError('INVALID_ROLE', `Role must be one of: ${ASSIGNABLE_ROLES.join(', ')}`, {
        details: { allowed: [...ASSIGNABLE_ROLES] },
      });
    }
    if (!(await setUserRole(db, userId, role as AssignableRole))) throw new NotFoundError('User');
    await core.sessions.forgetSessions(await sessionIdsOfUser(db, userId));
    await premium.forget(userId);
    return userDto(userId);
  }

  return { me, ownProfile, updateMe, setAvatar, getUser, updateUser, listUsers, getRole, setRole, userDto };
}

export type UserService = ReturnType<typeof createUserService>;
