import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { sessionRefreshTokens, sessions, users } from '../schema';

/** Sessions and their refresh-token rotation family (platform.md §3, D10). */

export async function insertSession(
  tx: DbOrTx,
  values: { userId: string; expiresAt: Date; ipAddress?: string | null; userAgent?: string | null },
): Promise<string> {
  const [row] = await tx.insert(sessions).values(values).returning({ id: sessions.id });
  return row!.id;
}

export async function insertRefreshToken(
  tx: DbOrTx,
  values: { sessionId: string; tokenHash: string; generation: number },
): Promise<void> {
  await tx.insert(sessionRefreshTokens).values(values);
}

export interface RefreshTokenRow {
  tokenId: string;
  sessionId: string;
  generation: number;
  rotatedAt: Date | null;
  userId: string;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** Locks the token row: two concurrent refreshes of one token are serialised (one rotates). */
export async function findRefreshTokenForUpdate(
  tx: DbOrTx,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx
    .select({
      tokenId: sessionRefreshTokens.id,
      sessionId: sessionRefreshTokens.sessionId,
      generation: sessionRefreshTokens.generation,
      rotatedAt: sessionRefreshTokens.rotatedAt,
      userId: sessions.userId,
      revokedAt: sessions.revokedAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessionRefreshTokens)
    .innerJoin(sessions, eq(sessions.id, sessionRefreshTokens.sessionId))
    .where(eq(sessionRefreshTokens.tokenHash, tokenHash))
    .for('update', { of: sessionRefreshTokens });
  return row;
}

export async function markRefreshTokenRotated(tx: DbOrTx, tokenId: string, at: Date): Promise<void> {
  await tx.update(sessionRefreshTokens).set({ rotatedAt: at }).where(eq(sessionRefreshTokens.id, tokenId));
}

export async function latestGeneration(tx: DbOrTx, sessionId: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${sessionRefreshTokens.generation}), 0)::int` })
    .from(sessionRefreshTokens)
    .where(eq(sessionRefreshTokens.sessionId, sessionId));
  return row?.max ?? 0;
}

export interface RevokeFilter {
  userId?: string;
  sessionIds?: string[];
  /** Keeps this session alive (password change revokes all the *other* sessions). */
  exceptSessionId?: string;
}

/** Revokes the live sessions matching the filter; returns their ids so their caches can be dropped. */
export async function revokeSessions(
  tx: DbOrTx,
  filter: RevokeFilter,
  reason: string,
  at: Date,
): Promise<string[]> {
  const conditions = [isNull(sessions.revokedAt)];
  if (filter.userId) conditions.push(eq(sessions.userId, filter.userId));
  if (filter.sessionIds) conditions.push(inArray(sessions.id, filter.sessionIds));
  if (filter.exceptSessionId) conditions.push(ne(sessions.id, filter.exceptSessionId));
  if (!filter.userId && !filter.sessionIds) throw new Error('revokeSessions needs a user or session filter');
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** Every session id of a user (revoked ones too): their cached summaries must go on role changes. */
export async function sessionIdsOfUser(tx: DbOrTx, userId: string): Promise<string[]> {
  const rows = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.map((row) => row.id);
}

export interface SessionSummary {
  userId: string;
  email: string;
  role: 'admin' | 'parent' | 'kid';
  revoked: boolean;
  expiresAt: string;
  userDeleted: boolean;
  userSuspended: boolean;
}

/** What every authenticated request needs to know, in one indexed lookup (cached by the API). */
export async function findSessionSummary(tx: DbOrTx, sessionId: string): Promise<SessionSummary | null> {
  const [row] = await tx
    .select({
      userId: sessions.userId,
      email: users.email,
      role: users.role,
      revokedAt: sessions.revokedAt,
      expiresAt: sessions.expiresAt,
      userDeleted: users.isDeleted,
      userSuspended: users.isSuspended,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row) return null;
  return {
    userId: row.userId,
    email: row.email,
    role: row.role,
    revoked: row.revokedAt !== null,
    expiresAt: row.expiresAt.toISOString(),
    userDeleted: row.userDeleted,
    userSuspended: row.userSuspended,
  };
}

/** At most one write a minute per session (the caller throttles too); never awaited on the request path. */
export async function touchSession(tx: DbOrTx, sessionId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ lastActivityAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), sql`${sessions.lastActivityAt} < now() - interval '60 seconds'`));
}
