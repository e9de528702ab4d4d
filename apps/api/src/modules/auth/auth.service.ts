import { createHash } from 'node:crypto';
import type { DbOrTx } from '@storytime/db';
import {
  findAccountByEmail,
  insertAccount,
  replacePasswordHash,
  upsertProfile,
  upsertUserIp,
} from '@storytime/db/repositories/accounts';
import { findCredentialsByEmail, findUserDto } from '@storytime/db/repositories/users';
import { emailIntent } from '@storytime/email-templates';
import { AlreadyExistsError, AppError, AuthError, fromDatabaseError } from '@storytime/errors';
import type { z } from 'zod';
import type { CoreServices } from '../../composition';
import { type authResultSchema, toUserDto } from '../../lib/dto/user-dto';
import { burnVerification, hashSecret, verifySecret } from '../../lib/passwords';
import { constantTimeEqual } from '../../lib/tokens';
import type { Principal } from '../../plugins/principal';
import { createDefaultNotificationPreferences } from './default-preferences';
import { CODE_TTL_MS, issueOneTimeCode } from './one-time-codes';
import type { ClientInfo } from './session.service';

export type AuthResult = z.output<typeof authResultSchema>;

export type AuthDeps = Pick<CoreServices, 'db' | 'outbox' | 'sessions' | 'config' | 'now' | 'logger'>;

export interface RegisterInput {
  fullName: string;
  email: string;
  password: string;
  role?: string | undefined;
  adminSecret?: string | undefined;
}

const VERIFICATION_HOURS = CODE_TTL_MS.verification / 3_600_000;

function invalidCredentials(): AuthError {
  return new AuthError('AUTH_INVALID_CREDENTIALS', 'Invalid email or password');
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function secretMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
  return constantTimeEqual(digest(expected), digest(given));
}

/** The `user_ips` row of AUTH-01/15/16: one per (user, IP), refreshed on every sign-in. */
export async function recordClientIp(tx: DbOrTx, userId: string, client: ClientInfo): Promise<void> {
  if (!client.ip) return;
  await upsertUserIp(tx, {
    userId,
    ipAddress: client.ip,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
  });
}

/**
 * Sign-in, sign-up and session lifecycle (AUTH-01/02/03/06/07). Every successful sign-in opens a
 * session (platform.md §3) and answers `AuthResult`.
 */
export function createAuthService(deps: AuthDeps) {
  const { db, outbox, sessions } = deps;

  /** `AuthResult` for a session that was just opened or refreshed. */
  async function authResult(
    userId: string,
    session: { sessionId: string; refreshToken: string },
  ): Promise<AuthResult> {
    const user = await findUserDto(db, userId);
    if (!user) throw new AuthError('AUTH_INVALID_TOKEN', 'Account not found');
    const jwt = await sessions.accessToken({
      userId,
      sessionId: session.sessionId,
      role: user.role,
      email: user.email,
    });
    return { user: toUserDto(user), jwt, refreshToken: session.refreshToken };
  }

  /** Opens a session for an authenticated account and records the client IP, in one transaction. */
  async function signIn(userId: string, client: ClientInfo): Promise<AuthResult> {
    const session = await db.transaction(async (tx) => {
      const opened = await sessions.open(tx, userId, client);
      await recordClientIp(tx, userId, client);
      return opened;
    });
    return authResult(userId, session);
  }

  /** AUTH-01. Unknown email and wrong password look the same, in message and in time (D12). */
  async function login(input: { email: string; password: string }, client: ClientInfo): Promise<AuthResult> {
    const account = await findCredentialsByEmail(db, input.email);
    if (!account?.hasLocalPassword) {
      await burnVerification(input.password);
      throw invalidCredentials();
    }
    const check = await verifySecret(account.passwordHash, input.password);
    if (!check.ok) throw invalidCredentials();
    // D11: a legacy bcrypt hash that just verified is replaced by argon2id in this request.
    if (check.needsRehash) await replacePasswordHash(db, account.id, await hashSecret(input.password));
    if (account.isSuspended) throw new AuthError('AUTH_ACCOUNT_SUSPENDED', 'This account is suspended');
    if (!account.isEmailVerified) {
      throw new AuthError('AUTH_EMAIL_NOT_VERIFIED', 'Please verify your email address before signing in');
    }
    return signIn(account.id, client);
  }

  function resolveRole(input: RegisterInput): 'parent' | 'admin' {
    const role = input.role ?? 'parent';
    if (role !== 'parent' && role !== 'admin') {
      throw new AppError('INVALID_ROLE', 'Role must be parent or admin', {
        details: { fields: [{ path: 'body.role', message: 'must be parent or admin' }] },
      });
    }
    // An unset ADMIN_SECRET disables admin self-registration entirely (platform.md §3).
    if (role === 'admin' && !secretMatches(deps.config.env.ADMIN_SECRET, input.adminSecret)) {
      throw new AuthError('AUTH_INVALID_ADMIN_SECRET', 'Invalid admin secret');
    }
    return role;
  }

  /**
   * AUTH-03: user, profile (country NG), the 12 default preferences, the verification code with its
   * email, and the first session, all in one transaction. Tokens are returned before verification.
   */
  async function register(input: RegisterInput, client: ClientInfo): Promise<AuthResult> {
    const role = resolveRole(input);
    if (await findAccountByEmail(db, input.email)) throw new AlreadyExistsError('User', ['email']);
    const passwordHash = await hashSecret(input.password);
    const name = input.fullName.replace(/\s+/g, ' ');
    try {
      const { userId, session } = await outbox.transaction(async (tx, jobs) => {
        const userId = await insertAccount(tx, { email: input.email, passwordHash, name, role });
        await upsertProfile(tx, userId);
        await createDefaultNotificationPreferences(tx, userId);
        const code = await issueOneTimeCode(tx, {
          userId,
          type: 'verification',
          ip: client.ip,
          userAgent: client.userAgent,
          now: deps.now(),
        });
        await jobs.add(
          emailIntent(
            'email-verification',
            input.email,
            { code, email: input.email, expiresInHours: VERIFICATION_HOURS },
            { userId },
          ),
        );
        const session = await sessions.open(tx, userId, client);
        await recordClientIp(tx, userId, client);
        return { userId, session };
      });
      return await authResult(userId, session);
    } catch (error) {
      // Two sign-ups racing for one email: the unique constraint decides, answered as 409.
      throw fromDatabaseError(error, 'User');
    }
  }

  /** AUTH-02: rotation, reuse detection and the grace window live in the session service. */
  async function refresh(token: string): Promise<AuthResult> {
    const rotated = await sessions.refresh(token);
    return authResult(rotated.userId, rotated);
  }

  async function logout(caller: Principal): Promise<{ message: string }> {
    await sessions.revoke({ sessionIds: [caller.sessionId] }, 'logout');
    return { message: 'Logged out successfully' };
  }

  async function logoutAll(caller: Principal): Promise<{ message: string }> {
    await sessions.revoke({ userId: caller.userId }, 'logout_all');
    return { message: 'Logged out of all sessions successfully' };
  }

  return { login, register, refresh, logout, logoutAll, signIn, authResult };
}

export type AuthService = ReturnType<typeof createAuthService>;
