import type { Db, DbOrTx, Tx } from '@storytime/db';
import {
  deleteOneTimeCode,
  findOneTimeCodeForUpdate,
  incrementOneTimeCodeAttempts,
  type OneTimeCodeType,
  replaceOneTimeCode,
} from '@storytime/db/repositories/one-time-codes';
import { AppError } from '@storytime/errors';
import { constantTimeEqual, newOneTimeCode, oneTimeCodeHash, oneTimeCodeLookupHash } from '../../lib/tokens';

/**
 * One-time codes of platform.md §3, shared by the auth module (email verification, password reset)
 * and the users module (PIN reset): 6 digits from a CSPRNG, stored only as SHA-256 of
 * `userId:code` (plus `type:code` for the email-less verify path), one live code per user and
 * purpose, 5 wrong attempts, then the code is gone.
 */

export type { OneTimeCodeType };

const HOUR_MS = 3_600_000;

/** Lifetimes of platform.md §3. */
export const CODE_TTL_MS = {
  verification: 24 * HOUR_MS,
  password_reset: 24 * HOUR_MS,
  pin_reset: 1 * HOUR_MS,
} as const satisfies Record<OneTimeCodeType, number>;

export const MAX_CODE_ATTEMPTS = 5;

export interface IssueCodeOptions {
  userId: string;
  type: OneTimeCodeType;
  /** Defaults to the lifetime of the type (CODE_TTL_MS). */
  ttlMs?: number;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

/**
 * Creates a fresh code, replacing the user's previous one of that type, inside the caller's
 * transaction (record the email that delivers it in the same transaction). Returns the plain code,
 * which exists nowhere else but in that email.
 */
export async function issueOneTimeCode(tx: DbOrTx, options: IssueCodeOptions): Promise<string> {
  const code = newOneTimeCode();
  const issuedAt = options.now ?? new Date();
  await replaceOneTimeCode(tx, {
    userId: options.userId,
    type: options.type,
    codeHash: oneTimeCodeHash(options.userId, code),
    lookupHash: oneTimeCodeLookupHash(options.type, code),
    expiresAt: new Date(issuedAt.getTime() + (options.ttlMs ?? CODE_TTL_MS[options.type])),
    requestIp: options.ip ?? null,
    requestUserAgent: options.userAgent?.slice(0, 500) ?? null,
  });
  return code;
}

export type CodeFailure = 'CODE_INVALID' | 'CODE_EXPIRED' | 'CODE_ATTEMPTS_EXCEEDED';

export type CodeCheck = { ok: true; tokenId: string } | { ok: false; reason: CodeFailure };

const FAILURE_MESSAGES: Record<CodeFailure, string> = {
  CODE_INVALID: 'The code is invalid',
  CODE_EXPIRED: 'The code has expired; request a new one',
  CODE_ATTEMPTS_EXCEEDED: 'Too many wrong attempts; request a new code',
};

export function codeError(reason: CodeFailure): AppError {
  return new AppError(reason, FAILURE_MESSAGES[reason]);
}

export interface CheckCodeOptions {
  userId: string;
  type: OneTimeCodeType;
  code: string;
  /** Delete the code when it matches (a use), or leave it for a later use (a validation). */
  consume: boolean;
  now?: Date;
}

/**
 * Checks a code inside the caller's transaction and records the outcome there: a wrong code counts
 * an attempt (the 5th deletes it), an expired code is deleted, a consumed code is deleted. It never
 * throws for a bad code, so the caller can commit the attempt count and then throw `codeError`.
 */
export async function checkOneTimeCodeIn(tx: DbOrTx, options: CheckCodeOptions): Promise<CodeCheck> {
  const row = await findOneTimeCodeForUpdate(tx, options.userId, options.type);
  if (!row) return { ok: false, reason: 'CODE_INVALID' };
  const now = options.now ?? new Date();
  if (row.expiresAt.getTime() <= now.getTime()) {
    await deleteOneTimeCode(tx, row.id);
    return { ok: false, reason: 'CODE_EXPIRED' };
  }
  if (row.attempts >= MAX_CODE_ATTEMPTS) {
    await deleteOneTimeCode(tx, row.id);
    return { ok: false, reason: 'CODE_ATTEMPTS_EXCEEDED' };
  }
  if (!constantTimeEqual(row.codeHash, oneTimeCodeHash(options.userId, options.code))) {
    const attempts = await incrementOneTimeCodeAttempts(tx, row.id);
    if (attempts < MAX_CODE_ATTEMPTS) return { ok: false, reason: 'CODE_INVALID' };
    await deleteOneTimeCode(tx, row.id);
    return { ok: false, reason: 'CODE_ATTEMPTS_EXCEEDED' };
  }
  if (options.consume) await deleteOneTimeCode(tx, row.id);
  return { ok: true, tokenId: row.id };
}

export interface VerifyCodeOptions<T> extends CheckCodeOptions {
  /** Runs in the same transaction after a successful check (e.g. save the new PIN with the consumption). */
  onSuccess?: (tx: Tx) => Promise<T>;
}

/**
 * Checks a code in a transaction of its own and throws CODE_INVALID / CODE_EXPIRED /
 * CODE_ATTEMPTS_EXCEEDED after committing the attempt count. Pass the root `db`: inside a caller's
 * transaction a thrown error would roll the attempt count back with it. Work that must be atomic with
 * the consumption goes in `onSuccess`.
 */
export async function verifyOneTimeCode<T = void>(db: Db, options: VerifyCodeOptions<T>): Promise<T> {
  const outcome = await db.transaction(async (tx) => {
    const check = await checkOneTimeCodeIn(tx, options);
    if (!check.ok) return { check, value: undefined };
    return { check, value: options.onSuccess ? await options.onSuccess(tx) : undefined };
  });
  if (!outcome.check.ok) throw codeError(outcome.check.reason);
  return outcome.value as T;
}
