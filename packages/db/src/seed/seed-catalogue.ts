import { sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import {
  ageGroups as ageGroupsTable,
  avatars as avatarsTable,
  badges as badgesTable,
  categories as categoriesTable,
  learningExpectations as learningExpectationsTable,
  seasons as seasonsTable,
  storyBuddies as storyBuddiesTable,
  themes as themesTable,
  voices as voicesTable,
} from '../schema';
import {
  ageGroups,
  avatars,
  badges,
  categories,
  learningExpectations,
  seasons,
  storyBuddies,
  themes,
  voices,
} from './data';
import { mediaUrl, publishSeedAsset, type SeedMediaOptions } from './media-files';
import { seedStories } from './seed-stories';

export interface SeedReport {
  categories: number;
  themes: number;
  seasons: number;
  ageGroups: number;
  learningExpectations: number;
  voices: number;
  avatars: number;
  storyBuddies: number;
  badges: number;
  storiesInserted: number;
}

/** `SET col = excluded.col` for each listed column: an upsert that refreshes the seed's own copy. */
function refreshed(columns: Record<string, PgColumn>): Record<string, unknown> {
  // The schema's property names become snake_case columns (drizzle casing), so map them the same way.
  const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return Object.fromEntries(Object.keys(columns).map((key) => [key, sql.raw(`excluded."${snake(key)}"`)]));
}

function byName(rows: Array<{ id: string; name: string | null }>): Map<string, string> {
  return new Map(rows.flatMap((row) => (row.name ? [[row.name, row.id] as const] : [])));
}

/**
 * The seed catalogue of rules.md §20, as idempotent upserts keyed by name or key, in one
 * transaction. Media files are copied into the local media store first (outside the transaction:
 * copying the same bytes again is harmless).
 */
export async function seedCatalogue(db: Db, media: SeedMediaOptions): Promise<SeedReport> {
  const avatarUrls = await Promise.all(avatars.map((avatar) => publishSeedAsset(avatar.assetPath, media)));
  const buddyUrls = await Promise.all(storyBuddies.map((buddy) => publishSeedAsset(buddy.imageUrl, media)));
  await Promise.all(badges.map((badge) => publishSeedAsset(badge.iconPath, media)));
  // The cover of stories written by the offline storyteller (providers.md §1.5).
  await publishSeedAsset('defaults/cover.png', media);

  return db.transaction(async (tx) => {
    const categoryRows = await tx
      .insert(categoriesTable)
      .values(categories.map(({ name, description, image }) => ({ name, description, image })))
      .onConflictDoUpdate({
        target: categoriesTable.name,
        set: refreshed({ description: categoriesTable.description }),
      })
      .returning({ id: categoriesTable.id, name: categoriesTable.name });

    const themeRows = await tx
      .insert(themesTable)
      .values(themes.map(({ name, description, image }) => ({ name, description, image })))
      .onConflictDoUpdate({
        target: themesTable.name,
        set: refreshed({ description: themesTable.description }),
      })
      .returning({ id: themesTable.id, name: themesTable.name });

    const seasonRows = await tx
      .insert(seasonsTable)
      .values(
        seasons.map(({ name, description, startDate, endDate, isActive, iconUrl }) => ({
          name,
          description,
          startDate,
          endDate,
          isActive,
          iconUrl,
        })),
      )
      .onConflictDoUpdate({
        target: seasonsTable.name,
        set: refreshed({
          description: seasonsTable.description,
          startDate: seasonsTable.startDate,
          endDate: seasonsTable.endDate,
        }),
      })
      .returning({ id: seasonsTable.id, name: seasonsTable.name });

    const ageGroupRows = await tx
      .insert(ageGroupsTable)
      .values(ageGroups.map(({ name, min, max }) => ({ name, min, max })))
      .onConflictDoNothing({ target: ageGroupsTable.name })
      .returning({ id: ageGroupsTable.id });

    await tx
      .insert(learningExpectationsTable)
      .values(
        learningExpectations.map(({ name, description, category, isActive }) => ({
          name,
          description,
          category,
          isActive,
        })),
      )
      .onConflictDoUpdate({
        target: learningExpectationsTable.name,
        set: refreshed({
          description: learningExpectationsTable.description,
          category: learningExpectationsTable.category,
        }),
      });

    await tx
      .insert(voicesTable)
      .values(
        voices.map((voice) => ({
          name: voice.name,
          type: 'system' as const,
          catalogueKey: voice.catalogueKey,
          elevenLabsVoiceId: voice.elevenLabsVoiceId,
          url: voice.previewUrl,
          voiceAvatar: `https://api.dicebear.com/7.x/initials/svg?seed=${encodeURIComponent(voice.name)}`,
        })),
      )
      .onConflictDoUpdate({
        target: voicesTable.catalogueKey,
        set: refreshed({ name: voicesTable.name, elevenLabsVoiceId: voicesTable.elevenLabsVoiceId }),
      });

    await tx
      .insert(avatarsTable)
      .values(
        avatars.map((avatar, index) => ({
          name: avatar.name,
          displayName: avatar.displayName,
          url: avatarUrls[index] ?? mediaUrl(avatar.assetPath, media.mediaBaseUrl),
          isSystemAvatar: true,
        })),
      )
      .onConflictDoUpdate({
        target: avatarsTable.name,
        set: refreshed({ url: avatarsTable.url, displayName: avatarsTable.displayName }),
      });

    await tx
      .insert(storyBuddiesTable)
      .values(
        storyBuddies.map((buddy, index) => ({
          name: buddy.name,
          displayName: buddy.displayName,
          description: buddy.description,
          type: buddy.type,
          imageUrl: buddyUrls[index] ?? mediaUrl(buddy.imageUrl, media.mediaBaseUrl),
          profileAvatarUrl: buddy.profileAvatarUrl,
          isActive: buddy.isActive,
          themeColor: buddy.themeColor,
          ageGroupMin: buddy.ageGroupMin,
          ageGroupMax: buddy.ageGroupMax,
        })),
      )
      .onConflictDoNothing({ target: storyBuddiesTable.name });

    await tx
      .insert(badgesTable)
      .values(
        badges.map((badge) => ({
          key: badge.key,
          title: badge.title,
          description: badge.description,
          iconUrl: mediaUrl(badge.iconPath, media.mediaBaseUrl),
          unlockCondition: badge.unlockCondition,
          badgeType: badge.badgeType,
          requiredAmount: badge.requiredAmount,
          priority: badge.priority,
          metadata: badge.metadata,
        })),
      )
      .onConflictDoUpdate({
        target: badgesTable.key,
        set: refreshed({
          title: badgesTable.title,
          description: badgesTable.description,
          unlockCondition: badgesTable.unlockCondition,
          requiredAmount: badgesTable.requiredAmount,
          priority: badgesTable.priority,
          metadata: badgesTable.metadata,
        }),
      });

    const storiesInserted = await seedStories(tx, {
      categories: byName(categoryRows),
      themes: byName(themeRows),
      seasons: byName(seasonRows),
    });

    return {
      categories: categoryRows.length,
      themes: themeRows.length,
      seasons: seasonRows.length,
      ageGroups: ageGroupRows.length,
      learningExpectations: learningExpectations.length,
      voices: voices.length,
      avatars: avatars.length,
      storyBuddies: storyBuddies.length,
      badges: badges.length,
      storiesInserted,
    };
  });
}
