import { describe, expect, it } from 'vitest';
import {
  ageGroups,
  avatars,
  badges,
  categories,
  learningExpectations,
  seasons,
  stories,
  storyBuddies,
  themes,
  voices,
} from './index';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MM_DD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;

const countWords = (text: string): number => text.split(/\s+/).filter((word) => word.length > 0).length;

function expectUnique(values: readonly string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

describe('seed catalogue', () => {
  it('has the expected counts', () => {
    expect(categories).toHaveLength(16);
    expect(themes).toHaveLength(19);
    expect(seasons).toHaveLength(8);
    expect(ageGroups).toHaveLength(4);
    expect(learningExpectations).toHaveLength(16);
    expect(voices).toHaveLength(6);
    expect(avatars).toHaveLength(15);
    expect(storyBuddies).toHaveLength(2);
    expect(badges).toHaveLength(8);
    expect(stories.length).toBeGreaterThanOrEqual(30);
  });

  it('has unique names and keys', () => {
    expectUnique(categories.map((c) => c.name));
    expectUnique(themes.map((t) => t.name));
    expectUnique(seasons.map((s) => s.name));
    expectUnique(ageGroups.map((g) => g.name));
    expectUnique(learningExpectations.map((l) => l.name));
    expectUnique(voices.map((v) => v.catalogueKey));
    expectUnique(voices.map((v) => v.name));
    expectUnique(voices.map((v) => v.elevenLabsVoiceId));
    expectUnique(avatars.map((a) => a.name));
    expectUnique(avatars.map((a) => a.displayName));
    expectUnique(storyBuddies.map((b) => b.name));
    expectUnique(badges.map((b) => b.key));
    expectUnique(badges.map((b) => b.title));
    expectUnique(stories.map((s) => s.id));
    expectUnique(stories.map((s) => s.title));
  });

  it('has valid seasons and non-overlapping age groups', () => {
    for (const season of seasons) {
      expect(season.startDate).toMatch(MM_DD);
      expect(season.endDate).toMatch(MM_DD);
    }
    for (const group of ageGroups) {
      expect(group.min).toBeLessThan(group.max);
      expect(group.name).toBe(`${group.min}-${group.max}`);
      for (const other of ageGroups) {
        if (other !== group) expect(group.min <= other.max && other.min <= group.max).toBe(false);
      }
    }
  });

  it('has system avatars Avatar 1 … Avatar 15', () => {
    avatars.forEach((avatar, index) => {
      expect(avatar.displayName).toBe(`Avatar ${index + 1}`);
      expect(avatar.name).toBe(`avatar-${index + 1}`);
      expect(avatar.fileName).toBe(`avatar-${index + 1}.png`);
      expect(avatar.assetPath).toBe(`avatars/avatar-${index + 1}.png`);
    });
  });

  it('has a well-formed badge catalogue', () => {
    for (const badge of badges) {
      expect(badge.requiredAmount).toBeGreaterThanOrEqual(1);
      expect(badge.iconPath).toBe(`badges/${badge.key}.png`);
    }
  });

  describe('stories', () => {
    const categoryNames = new Set<string>(categories.map((c) => c.name));
    const themeNames = new Set<string>(themes.map((t) => t.name));
    const seasonNames = new Set<string>(seasons.map((s) => s.name));

    it.each(stories.map((story) => [story.title, story] as const))('%s is valid', (_title, story) => {
      expect(story.id).toMatch(UUID_V7);
      expect(story.language).toBe('English');
      expect(story.description.length).toBeGreaterThan(0);
      expect(story.coverImageUrl).toMatch(/^https:\/\/picsum\.photos\/seed\/[a-z0-9-]+\/600\/800$/);
      expect(story.backgroundColor).toMatch(HEX_COLOR);
      expect(story.ageMin).toBeGreaterThanOrEqual(1);
      expect(story.ageMax).toBeLessThanOrEqual(12);
      expect(story.ageMin).toBeLessThanOrEqual(story.ageMax);
      expect(story.difficultyLevel).toBeGreaterThanOrEqual(1);
      expect(story.difficultyLevel).toBeLessThanOrEqual(10);

      const words = countWords(story.textContent);
      expect(words).toBeGreaterThanOrEqual(150);
      expect(words).toBeLessThanOrEqual(500);

      expect(story.categoryNames.length).toBeGreaterThanOrEqual(1);
      expect(story.categoryNames.length).toBeLessThanOrEqual(3);
      for (const name of story.categoryNames) expect(categoryNames.has(name)).toBe(true);
      expect(story.themeNames.length).toBeGreaterThanOrEqual(1);
      expect(story.themeNames.length).toBeLessThanOrEqual(2);
      for (const name of story.themeNames) expect(themeNames.has(name)).toBe(true);
      for (const name of story.seasonNames ?? []) expect(seasonNames.has(name)).toBe(true);

      expect(story.questions.length).toBeGreaterThanOrEqual(3);
      expect(story.questions.length).toBeLessThanOrEqual(5);
      for (const question of story.questions) {
        expect(question.options).toHaveLength(4);
        expectUnique(question.options);
        expect(Number.isInteger(question.correctOption)).toBe(true);
        expect(question.correctOption).toBeGreaterThanOrEqual(0);
        expect(question.correctOption).toBeLessThan(question.options.length);
      }
    });

    it('spreads over ages, difficulty levels and flags', () => {
      expect(new Set(stories.map((s) => s.difficultyLevel)).size).toBe(10);
      expect(Math.min(...stories.map((s) => s.ageMin))).toBe(1);
      expect(Math.max(...stories.map((s) => s.ageMax))).toBe(12);
      expect(stories.some((s) => s.recommended)).toBe(true);
      expect(stories.some((s) => s.isInteractive)).toBe(true);
      expect(stories.filter((s) => s.seasonNames && s.seasonNames.length > 0).length).toBeGreaterThan(0);
    });
  });
});
