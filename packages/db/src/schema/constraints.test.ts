import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, type Db } from '../client';
import { testDatabaseConfig } from '../testing';
import {
  avatars,
  badges,
  guestSessions,
  jobRequests,
  kidPointTransactions,
  kids,
  screenTimeSessions,
  userBadges,
  users,
  voices,
} from '.';

/** Behaviour of the keys the catalog test can only see structurally: ids, NULLS NOT DISTINCT, partial uniques. */

let pool: pg.Pool;
let db: Db;

beforeAll(() => {
  pool = createPool(testDatabaseConfig());
  db = createDb(pool);
});

afterAll(async () => {
  await pool.end();
});

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** SQLSTATE of a failed statement; drizzle wraps the driver error as `cause`. */
async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string }; code?: string }).cause;
    return cause?.code ?? (error as { code?: string }).code;
  }
}

const UNIQUE_VIOLATION = '23505';

async function createUser() {
  const [user] = await db
    .insert(users)
    .values({ email: `u-${crypto.randomUUID()}@example.test`, passwordHash: 'x' })
    .returning();
  return user!;
}

async function createKid() {
  const user = await createUser();
  const [kid] = await db.insert(kids).values({ parentId: user.id, name: 'Ada' }).returning();
  return { user, kid: kid! };
}

describe('ids', () => {
  it('generates UUID v7 ids on insert, time-ordered', async () => {
    const first = await createUser();
    const second = await createUser();
    expect(first.id).toMatch(UUID_V7);
    expect(second.id > first.id).toBe(true);
  });

  it('gives avatars a v7 string id and guest sessions a random v4 id', async () => {
    const [avatar] = await db.insert(avatars).values({ url: 'https://example.test/a.png' }).returning();
    expect(avatar?.id).toMatch(UUID_V7);
    const [guest] = await db.insert(guestSessions).values({ ipHash: 'h' }).returning();
    expect(guest?.id).toMatch(UUID_V4);
    expect(guest!.expiresAt.getTime() - guest!.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
  });
});

describe('unique keys', () => {
  it('user_badges treats a null kid as one value (NULLS NOT DISTINCT)', async () => {
    const user = await createUser();
    const [badge] = await db
      .insert(badges)
      .values({ key: `b-${crypto.randomUUID()}`, title: 'B', unlockCondition: 'x', badgeType: 'count' })
      .returning();
    await db.insert(userBadges).values({ userId: user.id, badgeId: badge!.id });
    expect(await sqlState(db.insert(userBadges).values({ userId: user.id, badgeId: badge!.id }))).toBe(
      UNIQUE_VIOLATION,
    );
  });

  it('kid_point_transactions credits an event once, adjustments any number of times', async () => {
    const { kid } = await createKid();
    const refId = crypto.randomUUID();
    await db
      .insert(kidPointTransactions)
      .values({ kidId: kid.id, delta: 5, reason: 'story_completed', refId });
    const again = db
      .insert(kidPointTransactions)
      .values({ kidId: kid.id, delta: 5, reason: 'story_completed', refId });
    expect(await sqlState(again)).toBe(UNIQUE_VIOLATION);
    const adjustment = { kidId: kid.id, delta: -1, reason: 'adjustment' as const };
    await db.insert(kidPointTransactions).values([adjustment, adjustment]);
    await db.insert(kidPointTransactions).values({ kidId: kid.id, delta: 1, reason: 'quiz_correct' });
    const nullRef = db
      .insert(kidPointTransactions)
      .values({ kidId: kid.id, delta: 1, reason: 'quiz_correct' });
    expect(await sqlState(nullRef)).toBe(UNIQUE_VIOLATION);
  });

  it('voices: one row per user and ElevenLabs id; uploads without one and system voices are free', async () => {
    const user = await createUser();
    const own = { userId: user.id, name: 'Mine', type: 'elevenlabs' as const, elevenLabsVoiceId: 'abc123' };
    await db.insert(voices).values(own);
    expect(await sqlState(db.insert(voices).values(own))).toBe(UNIQUE_VIOLATION);
    const upload = { userId: user.id, name: 'Offline', type: 'uploaded' as const };
    await db.insert(voices).values([upload, upload]);
    const system = { name: 'Sys', type: 'system' as const, elevenLabsVoiceId: 'sys1' };
    await db.insert(voices).values([system, system]);
  });

  it('screen_time_sessions allows one open session per kid', async () => {
    const { kid } = await createKid();
    const open = { kidId: kid.id, date: '2025-01-01' };
    const [first] = await db.insert(screenTimeSessions).values(open).returning();
    expect(await sqlState(db.insert(screenTimeSessions).values(open))).toBe(UNIQUE_VIOLATION);
    await db
      .update(screenTimeSessions)
      .set({ endTime: new Date() })
      .where(eq(screenTimeSessions.id, first!.id));
    await db.insert(screenTimeSessions).values(open);
  });

  it('job_requests dedupes active rows only', async () => {
    const job = {
      kind: 'story_audio' as const,
      queue: 'voice',
      jobName: 'synthesize',
      dedupeKey: `tts:${crypto.randomUUID()}`,
    };
    const [first] = await db.insert(jobRequests).values(job).returning();
    expect(await sqlState(db.insert(jobRequests).values({ ...job, status: 'running' }))).toBe(
      UNIQUE_VIOLATION,
    );
    await db.update(jobRequests).set({ status: 'completed' }).where(eq(jobRequests.id, first!.id));
    await db.insert(jobRequests).values(job);
  });
});

describe('check constraints', () => {
  it('rejects out-of-range values', async () => {
    const user = await createUser();
    expect(await sqlState(db.insert(kids).values({ parentId: user.id, currentReadingLevel: 11 }))).toBe(
      '23514',
    );
  });
});
