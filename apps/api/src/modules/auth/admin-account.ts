import type { Db } from '@storytime/db';
import {
  findAccountByEmail,
  insertAccount,
  promoteToVerifiedAdmin,
  upsertProfile,
} from '@storytime/db/repositories/accounts';
import { hashSecret } from '../../lib/passwords';
import { email as emailSchema, newPassword } from '../../lib/schemas';
import { createDefaultNotificationPreferences } from './default-preferences';

/**
 * The first-admin command (`pnpm admin:create`, platform.md §3 "Admin creation"): creates a verified
 * admin, or promotes the existing account with that email. Running it again changes nothing.
 */

export class AdminCommandError extends Error {
  override name = 'AdminCommandError';
}

export interface AdminInput {
  email: string;
  password?: string;
  name?: string;
}

export interface AdminOutcome {
  action: 'created' | 'promoted' | 'unchanged';
  userId: string;
  email: string;
  /** The account exists but is soft-deleted: it must be restored before it can be used. */
  deactivated: boolean;
  /** A password was given for an existing account and left as it was. */
  passwordIgnored: boolean;
}

/** Validates the raw values (arguments or environment) with the API's own email and password rules. */
export function parseAdminInput(raw: { email?: string; password?: string; name?: string }): AdminInput {
  if (!raw.email) throw new AdminCommandError('An email is required: pass --email or set ADMIN_EMAIL');
  const email = emailSchema.safeParse(raw.email);
  if (!email.success) throw new AdminCommandError(`Invalid email "${raw.email}"`);
  const input: AdminInput = { email: email.data };
  if (raw.password !== undefined && raw.password !== '') {
    const password = newPassword.safeParse(raw.password);
    if (!password.success) {
      const problems = password.error.issues.map((issue) => issue.message).join(', ');
      throw new AdminCommandError(`Invalid password: ${problems}`);
    }
    input.password = password.data;
  }
  const name = raw.name?.trim();
  if (name) {
    if (name.length > 100) throw new AdminCommandError('The name must be at most 100 characters');
    input.name = name;
  }
  return input;
}

/**
 * Creates or promotes. A new account needs a password; an existing account keeps its password and
 * becomes an admin with a verified email (the operator vouches for the address).
 */
export async function ensureAdminAccount(db: Db, input: AdminInput): Promise<AdminOutcome> {
  const existing = await findAccountByEmail(db, input.email);
  if (existing) {
    const outcome = {
      userId: existing.id,
      email: existing.email,
      deactivated: existing.isDeleted,
      passwordIgnored: input.password !== undefined,
    };
    if (existing.role === 'admin' && existing.isEmailVerified) return { action: 'unchanged', ...outcome };
    await db.transaction((tx) => promoteToVerifiedAdmin(tx, existing.id));
    return { action: 'promoted', ...outcome };
  }
  if (!input.password) {
    throw new AdminCommandError(
      `No account with email ${input.email}: a password is required to create it (--password or ADMIN_PASSWORD)`,
    );
  }
  const passwordHash = await hashSecret(input.password);
  try {
    const userId = await db.transaction(async (tx) => {
      const id = await insertAccount(tx, {
        email: input.email,
        passwordHash,
        name: input.name ?? null,
        role: 'admin',
        isEmailVerified: true,
        onboardingStatus: 'email_verified',
      });
      await upsertProfile(tx, id);
      await createDefaultNotificationPreferences(tx, id);
      return id;
    });
    return { action: 'created', userId, email: input.email, deactivated: false, passwordIgnored: false };
  } catch (error) {
    // Created by someone else in the meantime: promote that account instead.
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (code === '23505') return ensureAdminAccount(db, { email: input.email });
    throw error;
  }
}

export function describeAdminOutcome(outcome: AdminOutcome): string {
  const lines = {
    created: `Created admin account ${outcome.email} (${outcome.userId}).`,
    promoted: `Promoted ${outcome.email} (${outcome.userId}) to admin with a verified email.`,
    unchanged: `${outcome.email} (${outcome.userId}) is already an admin; nothing changed.`,
  };
  const notes = [
    outcome.passwordIgnored ? 'The existing password was left unchanged.' : '',
    outcome.deactivated ? 'Warning: the account is deactivated; restore it before signing in.' : '',
  ].filter(Boolean);
  return [lines[outcome.action], ...notes].join('\n');
}
