import { index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, tstzNow } from './columns';
import { tokenTypeEnum } from './enums';
import { users } from './users';

/** One row per login; its id is the `sid` claim of the access tokens (D10, platform.md §3). */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: tstz().notNull(),
    revokedAt: tstz(),
    revokedReason: text(),
    lastActivityAt: tstzNow(),
    ipAddress: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('sessions_user_id_revoked_at_idx').on(t.userId, t.revokedAt),
    index('sessions_expires_at_idx').on(t.expiresAt),
  ],
);

/** Rotation family of a session: a rotated token presented again means reuse (D10). */
export const sessionRefreshTokens = pgTable(
  'session_refresh_tokens',
  {
    id: id(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique('session_refresh_tokens_token_hash_unique'),
    generation: integer().notNull(),
    rotatedAt: tstz(),
    createdAt: createdAt(),
  },
  // The unique index leads with session_id, so it also serves the `session_id` index the spec asks for.
  (t) => [unique('session_refresh_tokens_session_id_generation_unique').on(t.sessionId, t.generation)],
);

/** One-time codes; one live code per (user, purpose), a new request replaces it. */
export const tokens = pgTable(
  'tokens',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: tokenTypeEnum().notNull(),
    codeHash: text().notNull(),
    expiresAt: tstz().notNull(),
    lookupHash: text().notNull(),
    attempts: integer().notNull().default(0),
    requestIp: text(),
    requestUserAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('tokens_user_id_type_unique').on(t.userId, t.type),
    index('tokens_code_hash_idx').on(t.codeHash),
    index('tokens_type_lookup_hash_idx').on(t.type, t.lookupHash),
  ],
);

/** Upserted on login. */
export const userIps = pgTable(
  'user_ips',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ipAddress: text().notNull(),
    userAgent: text(),
    firstUsed: tstzNow(),
    lastUsed: tstzNow(),
  },
  (t) => [
    unique('user_ips_user_id_ip_address_unique').on(t.userId, t.ipAddress),
    index('user_ips_ip_address_idx').on(t.ipAddress),
  ],
);
