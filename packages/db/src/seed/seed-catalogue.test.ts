import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool } from '../client';
import { avatars, badges, categories, stories, storyBuddies, storyQuestions, voices } from '../schema';
import { testDatabaseConfig } from '../testing';
import {
  avatars as seedAvatars,
  badges as seedBadges,
  categories as seedCategories,
  stories as seedStories,
} from './data';
import { seedCatalogue } from './seed-catalogue';

describe('seedCatalogue', () => {
  const pool = createPool(testDatabaseConfig());
  const db = createDb(pool);
  let mediaDir: string;

  beforeAll(async () => {
    mediaDir = await mkdtemp(join(tmpdir(), 'st-seed-'));
  });
  afterAll(async () => {
    await pool.end();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const seeded = async (table: PgTable, where: SQL) =>
    (await db.select({ n: count() }).from(table).where(where))[0]?.n ?? 0;

  it('seeds the catalogue, then changes nothing when run again', async () => {
    const media = { mediaDir, mediaBaseUrl: 'http://media.test' };
    const first = await seedCatalogue(db, media);
    expect(first.categories).toBe(16);
    expect(first.storiesInserted).toBeGreaterThanOrEqual(30);

    // Other test files share this database, so only the seed's own rows are counted.
    const seedStoryIds = seedStories.map((story) => story.id);
    const snapshot = async () => ({
      categories: await seeded(
        categories,
        inArray(
          categories.name,
          seedCategories.map((c) => c.name),
        ),
      ),
      stories: await seeded(stories, inArray(stories.id, seedStoryIds)),
      questions: await seeded(storyQuestions, inArray(storyQuestions.storyId, seedStoryIds)),
    });
    const before = await snapshot();
    const second = await seedCatalogue(db, media);
    expect(second.storiesInserted).toBe(0);
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.stories).toBe(seedStories.length);
    expect(await seeded(voices, isNotNull(voices.catalogueKey))).toBe(6);
    expect(
      await seeded(
        avatars,
        inArray(
          avatars.name,
          seedAvatars.map((a) => a.name),
        ),
      ),
    ).toBe(15);
    expect(await seeded(storyBuddies, inArray(storyBuddies.name, ['lumina', 'zylo']))).toBe(2);
    expect(
      await seeded(
        badges,
        inArray(
          badges.key,
          seedBadges.map((b) => b.key),
        ),
      ),
    ).toBe(8);
    expect(after.questions).toBeGreaterThanOrEqual(after.stories * 3);
  });

  it('stores derived text columns and public, system-owned rows', async () => {
    const [story] = await db
      .select({ textHash: stories.textHash, wordCount: stories.wordCount, ownerUserId: stories.ownerUserId })
      .from(stories)
      .limit(1);
    expect(story?.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(story?.wordCount).toBeGreaterThan(100);
    expect(story?.ownerUserId).toBeNull();
    const systemVoices = await db
      .select({ key: voices.catalogueKey })
      .from(voices)
      .where(isNotNull(voices.catalogueKey));
    expect(systemVoices.map((v) => v.key).sort()).toEqual([
      'BILL',
      'CHARLIE',
      'JESSICA',
      'LAURA',
      'LILY',
      'WILL',
    ]);
    const [avatar] = await db.select().from(avatars).where(eq(avatars.name, 'avatar-1'));
    expect(avatar?.url).toBe('http://media.test/media/avatars/avatar-1.png');
  });

  it('publishes the image files into the local media store', async () => {
    expect((await readdir(join(mediaDir, 'avatars'))).length).toBe(15);
    expect(await readdir(join(mediaDir, 'buddies'))).toEqual(['lumina.png', 'zylo.png']);
  });
});
