import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { tokens } from '../schema';

/** One-time codes (data-model.md `tokens`, platform.md §3): one live code per (user, purpose). */

export type OneTimeCodeType = (typeof tokens.type.enumValues)[number];

export interface OneTimeCodeRow {
  id: string;
  userId: string;
  codeHash: string;
  expiresAt: Date;
  attempts: number;
}

const codeColumns = {
  id: tokens.id,
  userId: tokens.userId,
  codeHash: tokens.codeHash,
  expiresAt: tokens.expiresAt,
  attempts: tokens.attempts,
};

/** Inserts the code or replaces the user's previous one of that type (new hash, expiry, attempts 0). */
export async function replaceOneTimeCode(
  tx: DbOrTx,
  values: {
    userId: string;
    type: OneTimeCodeType;
    codeHash: string;
    lookupHash: string;
    expiresAt: Date;
    requestIp?: string | null;
    requestUserAgent?: string | null;
  },
): Promise<void> {
  const row = {
    userId: values.userId,
    type: values.type,
    codeHash: values.codeHash,
    lookupHash: values.lookupHash,
    expiresAt: values.expiresAt,
    attempts: 0,
    requestIp: values.requestIp ?? null,
    requestUserAgent: values.requestUserAgent ?? null,
  };
  await tx
    .insert(tokens)
    .values(row)
    .onConflictDoUpdate({
      target: [tokens.userId, tokens.type],
      set: {
        codeHash: row.codeHash,
        lookupHash: row.lookupHash,
        expiresAt: row.expiresAt,
        attempts: 0,
        requestIp: row.requestIp,
        requestUserAgent: row.requestUserAgent,
        createdAt: sql`now()`,
      },
    });
}

/** The user's live code of that type, row-locked so concurrent guesses are counted one by one. */
export async function findOneTimeCodeForUpdate(
  tx: DbOrTx,
  userId: string,
  type: OneTimeCodeType,
): Promise<OneTimeCodeRow | undefined> {
  const [row] = await tx
    .select(codeColumns)
    .from(tokens)
    .where(and(eq(tokens.userId, userId), eq(tokens.type, type)))
    .for('update');
  return row;
}

/**
 * Unexpired codes whose `type:code` hash matches (the email-less verify-email path). At most two rows
 * are read: the caller only needs to know whether the match is unique.
 */
export async function findOneTimeCodesByLookup(
  tx: DbOrTx,
  type: OneTimeCodeType,
  lookupHash: string,
  now: Date,
): Promise<OneTimeCodeRow[]> {
  return tx
    .select(codeColumns)
    .from(tokens)
    .where(and(eq(tokens.type, type), eq(tokens.lookupHash, lookupHash), gt(tokens.expiresAt, now)))
    .limit(2)
    .for('update');
}

/** Counts one wrong attempt; returns the new count. */
export async function incrementOneTimeCodeAttempts(tx: DbOrTx, id: string): Promise<number> {
  const [row] = await tx
    .update(tokens)
    .set({ attempts: sql`${tokens.attempts} + 1` })
    .where(eq(tokens.id, id))
    .returning({ attempts: tokens.attempts });
  return row?.attempts ?? 0;
}

export async function deleteOneTimeCode(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(tokens).where(eq(tokens.id, id));
}

export async function deleteOneTimeCodesOfUser(
  tx: DbOrTx,
  userId: string,
  type?: OneTimeCodeType,
): Promise<void> {
  await tx
    .delete(tokens)
    .where(type ? and(eq(tokens.userId, userId), eq(tokens.type, type)) : eq(tokens.userId, userId));
}
