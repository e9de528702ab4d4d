import { describe, expect, it } from 'vitest';
import {
  createOfflineStoryteller,
  type GeneratedStory,
  inputSeed,
  type StoryPromptInput,
  seededRandom,
  writeOfflineStory,
} from './index';

const base: StoryPromptInput = {
  themes: ['Friendship & Belonging'],
  categories: ['Animal Stories'],
  ageMin: 7,
  ageMax: 9,
  kidName: 'Amara',
};

const words = (text: string) => text.trim().split(/\s+/).length;
const sentenceLength = (story: GeneratedStory) => {
  const sentences = story.content.split(/[.!?]+["']?\s+/).filter((s) => s.trim());
  return words(story.content) / sentences.length;
};

describe('offline storyteller', () => {
  it.each([3, 7, 11])('writes 320–480 words in 5 paragraphs for age %i', (age) => {
    for (let seed = 0; seed < 60; seed += 1) {
      const story = writeOfflineStory({ ...base, ageMin: age, ageMax: age + 2 }, seededRandom(seed));
      expect(words(story.content)).toBeGreaterThanOrEqual(320);
      expect(words(story.content)).toBeLessThanOrEqual(480);
      expect(story.content.split('\n\n')).toHaveLength(5);
    }
  });

  it('asks 5 questions of 4 distinct options whose right answer is in the text', () => {
    for (let seed = 0; seed < 60; seed += 1) {
      const age = [3, 7, 11][seed % 3]!;
      const story = writeOfflineStory({ ...base, ageMin: age, ageMax: age + 2 }, seededRandom(`q${seed}`));
      expect(story.questions).toHaveLength(5);
      for (const question of story.questions) {
        expect(question.question).toMatch(/\?$/);
        expect(question.options).toHaveLength(4);
        expect(new Set(question.options.map((o) => o.toLowerCase())).size).toBe(4);
        expect(question.correctOption).toBeGreaterThanOrEqual(0);
        expect(question.correctOption).toBeLessThanOrEqual(3);
        const answer = question.options[question.correctOption]!;
        expect(story.content.toLowerCase()).toContain(answer.toLowerCase());
      }
    }
  });

  it("features the kid's name and the theme", () => {
    const story = writeOfflineStory(base, seededRandom(1));
    expect(story.content).toContain('Amara');
    expect(story.title).toMatch(/^Amara and the [A-Z]/);
    expect(story.description).toContain('Amara');
    expect(story.content.toLowerCase()).toContain('friendship');
    const brave = writeOfflineStory({ ...base, themes: ['Courage / Bravery'] }, seededRandom(1));
    expect(brave.content.toLowerCase()).toContain('courage');
    const custom = writeOfflineStory({ ...base, themes: ['Space Pirates'] }, seededRandom(1));
    expect(custom.content.toLowerCase()).toContain('space pirates');
  });

  it('calls the hero "Hero" without a name and follows the season', () => {
    const story = writeOfflineStory({ ...base, kidName: null, seasons: ['Winter'] }, seededRandom(2));
    expect(story.title).toMatch(/^Hero and the /);
    expect(story.content).toContain('winter');
    expect(story.questions[0]!.options).toContain('Hero');
  });

  it('varies with the seed and is deterministic for one seed', () => {
    const first = writeOfflineStory(base, seededRandom(1));
    const second = writeOfflineStory(base, seededRandom(2));
    expect(second.content).not.toBe(first.content);
    expect(writeOfflineStory(base, seededRandom(1))).toEqual(first);
    const distinct = new Set(
      Array.from({ length: 20 }, (_, seed) => writeOfflineStory(base, seededRandom(seed)).content),
    );
    expect(distinct.size).toBe(20);
  });

  it('seeds from the normalised inputs by default, and varies per call with a stateful generator', async () => {
    const storyteller = createOfflineStoryteller();
    expect(storyteller.name).toBe('offline');
    const a = await storyteller.generateStory(base);
    const b = await storyteller.generateStory({ ...base, themes: [' friendship & belonging '] });
    expect(b).toEqual(a);
    expect(inputSeed({ ...base, categories: ['Animal Stories', 'Funny Stories'] })).toBe(
      inputSeed({ ...base, categories: ['funny stories', 'Animal Stories'] }),
    );
    const other = await storyteller.generateStory({ ...base, kidName: 'Leo' });
    expect(other.content).not.toBe(a.content.replaceAll('Amara', 'Leo'));

    const varied = createOfflineStoryteller({ random: seededRandom('calls') });
    const one = await varied.generateStory(base);
    const two = await varied.generateStory(base);
    expect(two.content).not.toBe(one.content);
  });

  it('uses plainer sentences for younger readers', () => {
    let young = 0;
    let older = 0;
    for (let seed = 0; seed < 20; seed += 1) {
      young += sentenceLength(writeOfflineStory({ ...base, ageMin: 3, ageMax: 5 }, seededRandom(seed)));
      older += sentenceLength(writeOfflineStory({ ...base, ageMin: 11, ageMax: 12 }, seededRandom(seed)));
    }
    expect(young / 20).toBeLessThan(9);
    expect(older / 20).toBeGreaterThan(young / 20 + 5);
  });

  it('sets the difficulty from the upper age', () => {
    expect(writeOfflineStory({ ...base, ageMin: 3, ageMax: 5 }, seededRandom(1)).difficultyLevel).toBe(3);
    expect(writeOfflineStory({ ...base, ageMin: 1, ageMax: 1 }, seededRandom(1)).difficultyLevel).toBe(1);
    expect(writeOfflineStory({ ...base, ageMin: 10, ageMax: 30 }, seededRandom(1)).difficultyLevel).toBe(10);
  });

  it("leaves out the kid's excluded tags", () => {
    for (let seed = 0; seed < 40; seed += 1) {
      const story = writeOfflineStory(
        { ...base, categories: ['Fantasy & Magic'], excludedTags: ['Dragons', 'trolls'] },
        seededRandom(seed),
      );
      expect(story.content.toLowerCase()).not.toMatch(/dragon|troll/);
    }
  });

  it('draws from the worlds of the categories', () => {
    const settings = new Set<string>();
    for (let seed = 0; seed < 30; seed += 1) {
      const story = writeOfflineStory(
        { ...base, categories: ['Science & Discovery'], themes: ['Sci-Fi'] },
        seededRandom(seed),
      );
      settings.add(story.questions[1]!.options[story.questions[1]!.correctOption]!);
    }
    expect([...settings].sort()).toEqual(['Busy Laboratory', 'Moon Garden', 'Starlight Space Station']);
  });
});
