import { CACHE_TTL, type Cache, cacheKeys } from '@storytime/cache';
import type { Db, DbOrTx } from '@storytime/db';
import {
  findRefreshTokenForUpdate,
  findSessionSummary,
  insertRefreshToken,
  insertSession,
  latestGeneration,
  markRefreshTokenRotated,
  type RevokeFilter,
  revokeSessions,
  type SessionSummary,
  touchSession,
} from '@storytime/db/repositories/sessions';
import { AuthError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import type { Redis } from '@storytime/queue';
import type { AccessTokenSubject, JwtCodec } from '../../lib/jwt';
import { createSealer } from '../../lib/sealed';
import { newRefreshToken, sha256Hex } from '../../lib/tokens';

export interface SessionSettings {
  refreshTtlDays: number;
  rotation: boolean;
  reuseGraceSeconds: number;
  cachePrefix: string;
  secret: string;
}

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

export type RevokeReason =
  | 'logout'
  | 'logout_all'
  | 'password_changed'
  | 'password_reset'
  | 'refresh_reuse'
  | 'suspended'
  | 'account_deleted'
  | 'admin';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Sessions of platform.md §3: one row per login, refresh tokens rotated on every use with reuse
 * detection, and a cached summary that every authenticated request reads (1 s in process, 60 s in
 * Redis). Every revocation drops the cached summaries, which other instances hear about by pub/sub.
 */
export function createSessionService(deps: {
  db: Db;
  cache: Cache;
  redis: Redis;
  jwt: JwtCodec;
  settings: SessionSettings;
  logger: Logger;
  now?: () => Date;
}) {
  const { db, cache, jwt, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const sealer = createSealer(settings.secret, 'refresh-grace');
  const lastTouched = new Map<string, number>();
  const graceKey = (tokenHash: string) => `${settings.cachePrefix}refresh-grace:${tokenHash}`;

  /** Creates the session and its generation-0 refresh token inside the caller's transaction. */
  async function open(tx: DbOrTx, userId: string, client: ClientInfo) {
    const expiresAt = new Date(now().getTime() + settings.refreshTtlDays * 86_400_000);
    const sessionId = await insertSession(tx, {
      userId,
      expiresAt,
      ipAddress: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    const refresh = newRefreshToken();
    await insertRefreshToken(tx, { sessionId, tokenHash: refresh.hash, generation: 0 });
    return { sessionId, refreshToken: refresh.token };
  }

  function accessToken(subject: AccessTokenSubject): Promise<string> {
    return jwt.sign(subject);
  }

  /** AUTH-02: rotate, detect reuse, honour the grace window and the rotation switch. */
  async function refresh(
    presented: string,
  ): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
    const presentedHash = sha256Hex(presented);
    const outcome = await db.transaction(async (tx) => {
      const row = await findRefreshTokenForUpdate(tx, presentedHash);
      if (!row) return { kind: 'unknown' as const };
      if (row.revokedAt || row.expiresAt.getTime() <= now().getTime()) return { kind: 'revoked' as const };
      if (!settings.rotation) return { kind: 'ok' as const, row, refreshToken: presented };
      if (row.rotatedAt) {
        const ageSeconds = (now().getTime() - row.rotatedAt.getTime()) / 1000;
        if (ageSeconds >= settings.reuseGraceSeconds) {
          await revokeSessions(tx, { sessionIds: [row.sessionId] }, 'refresh_reuse', now());
          return { kind: 'reused' as const, sessionId: row.sessionId };
        }
        // Two screens refreshing at once: the late one gets the pair the first one got.
        const sealed = await deps.redis.get(graceKey(presentedHash)).catch(() => null);
        const replay = sealed ? sealer.open(sealed) : undefined;
        if (replay) return { kind: 'ok' as const, row, refreshToken: replay };
      } else {
        await markRefreshTokenRotated(tx, row.tokenId, now());
      }
      const next = newRefreshToken();
      const generation = (await latestGeneration(tx, row.sessionId)) + 1;
      await insertRefreshToken(tx, { sessionId: row.sessionId, tokenHash: next.hash, generation });
      return { kind: 'ok' as const, row, refreshToken: next.token, rotated: true };
    });

    switch (outcome.kind) {
      case 'unknown':
        throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid refresh token');
      case 'revoked':
        throw new AuthError('AUTH_SESSION_REVOKED', 'Session expired or revoked; please sign in again');
      case 'reused':
        await forgetSessions([outcome.sessionId]);
        deps.logger.warn({ sessionId: outcome.sessionId }, 'refresh token reuse: session revoked');
        throw new AuthError('AUTH_REFRESH_REUSED', 'Refresh token already used; please sign in again');
      case 'ok':
        if ('rotated' in outcome && outcome.rotated) {
          await deps.redis
            .set(graceKey(presentedHash), sealer.seal(outcome.refreshToken), 'EX', settings.reuseGraceSeconds)
            .catch(() => undefined);
        }
        return {
          userId: outcome.row.userId,
          sessionId: outcome.row.sessionId,
          refreshToken: outcome.refreshToken,
        };
    }
  }

  /** Drops cached summaries so a revocation applies within a second on every instance. */
  async function forgetSessions(sessionIds: string[]): Promise<void> {
    if (sessionIds.length > 0) await cache.del(sessionIds.map((id) => cacheKeys.session(id)));
  }

  /** Revokes in the caller's transaction; call `forgetSessions` with the result after commit. */
  function revokeIn(tx: DbOrTx, filter: RevokeFilter, reason: RevokeReason): Promise<string[]> {
    return revokeSessions(tx, filter, reason, now());
  }

  async function revoke(filter: RevokeFilter, reason: RevokeReason): Promise<string[]> {
    const ids = await revokeSessions(db, filter, reason, now());
    await forgetSessions(ids);
    return ids;
  }

  function summary(sessionId: string): Promise<SessionSummary | null> {
    return cache.getOrSet(cacheKeys.session(sessionId), CACHE_TTL.session, () =>
      findSessionSummary(db, sessionId),
    );
  }

  /** lastActivityAt at most once a minute per session, never awaited by the request. */
  function touch(sessionId: string): void {
    const at = Date.now();
    if (at - (lastTouched.get(sessionId) ?? 0) < TOUCH_INTERVAL_MS) return;
    lastTouched.set(sessionId, at);
    if (lastTouched.size > 100_000) lastTouched.clear();
    touchSession(db, sessionId).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'session touch failed'),
    );
  }

  return { open, accessToken, refresh, revoke, revokeIn, forgetSessions, summary, touch, now };
}

export type SessionService = ReturnType<typeof createSessionService>;
