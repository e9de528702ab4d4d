import { type Db, type DbOrTx, newId } from '@storytime/db';
import {
  type AccountRow,
  findAccountByEmail,
  findAccountById,
  findAccountByProvider,
  insertAccount,
  linkProviderIdentity,
  markEmailVerified,
  setNameIfMissing,
  setUserAvatar,
  upsertProfile,
  upsertProviderAvatar,
} from '@storytime/db/repositories/accounts';
import { AuthError, ConflictError, fromDatabaseError, ValidationError } from '@storytime/errors';
import { unusablePasswordHash } from '../../../lib/tokens';
import { createDefaultNotificationPreferences } from '../default-preferences';
import type { OAuthIdentity } from './identity';

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  return code === '23505';
}

/** The provider's picture becomes an avatar owned by the user, assigned when they have none yet. */
async function adoptPicture(tx: DbOrTx, account: AccountRow, identity: OAuthIdentity): Promise<void> {
  if (!identity.picture) return;
  const avatarId = await upsertProviderAvatar(tx, {
    id: newId(),
    name: `oauth_${identity.subject}`,
    url: identity.picture,
    ownerUserId: account.id,
  });
  if (avatarId && !account.avatarId) await setUserAvatar(tx, account.id, avatarId);
}

async function createAccount(tx: DbOrTx, identity: OAuthIdentity, email: string): Promise<string> {
  const verified = identity.emailVerified;
  const userId = await insertAccount(tx, {
    email,
    // No password until the user sets one through a reset (phase 2 linking).
    passwordHash: unusablePasswordHash(),
    hasLocalPassword: false,
    name: identity.name,
    role: 'parent',
    isEmailVerified: verified,
    // rules.md §14: start at email_verified when the provider vouches for the address.
    onboardingStatus: verified ? 'email_verified' : 'account_created',
    ...(identity.provider === 'google' ? { googleId: identity.subject } : { appleId: identity.subject }),
  });
  await upsertProfile(tx, userId);
  await createDefaultNotificationPreferences(tx, userId);
  return userId;
}

/**
 * AUTH-15/16 resolution: by provider id; else the account with the same email, linked **only** when
 * the provider verified the email (fix 51); else a new parent account. Returns the account after
 * every change, for the caller's suspended/unverified checks.
 */
async function resolveOnce(db: Db, identity: OAuthIdentity): Promise<AccountRow> {
  return db.transaction(async (tx) => {
    let accountId: string;
    const known = await findAccountByProvider(tx, identity.provider, identity.subject);
    if (known) {
      if (!known.isEmailVerified && identity.emailVerified && identity.email === known.email) {
        await markEmailVerified(tx, known.id);
      }
      accountId = known.id;
    } else if (!identity.email) {
      throw new ValidationError('The id_token carries no email address', [
        { path: 'body.id_token', message: 'no email claim' },
      ]);
    } else {
      const sameEmail = await findAccountByEmail(tx, identity.email);
      if (!sameEmail) {
        accountId = await createAccount(tx, identity, identity.email);
      } else {
        if (!identity.emailVerified) {
          throw new AuthError(
            'AUTH_EMAIL_NOT_VERIFIED',
            'The provider has not verified this email address; sign in with your password instead',
          );
        }
        if ((identity.provider === 'google' ? sameEmail.googleId : sameEmail.appleId) !== null) {
          throw new ConflictError(
            'RESOURCE_ALREADY_EXISTS',
            `This email is already linked to another ${identity.provider === 'google' ? 'Google' : 'Apple'} account`,
          );
        }
        await linkProviderIdentity(tx, sameEmail.id, identity.provider, identity.subject, true);
        accountId = sameEmail.id;
      }
    }
    const current = (await findAccountById(tx, accountId))!;
    if (identity.name && !current.name) await setNameIfMissing(tx, current.id, identity.name);
    await adoptPicture(tx, current, identity);
    return current;
  });
}

/** A concurrent first sign-in of the same person loses the unique race once and then finds the account. */
export async function resolveOAuthAccount(db: Db, identity: OAuthIdentity): Promise<AccountRow> {
  try {
    return await resolveOnce(db, identity);
  } catch (error) {
    if (!isUniqueViolation(error)) throw fromDatabaseError(error, 'User');
    try {
      return await resolveOnce(db, identity);
    } catch (retryError) {
      throw fromDatabaseError(retryError, 'User');
    }
  }
}
