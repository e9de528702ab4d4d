import { storyTextMetrics } from '@storytime/domain';
import { v5 as uuidv5 } from 'uuid';
import type { Tx } from '../client';
import {
  stories as storiesTable,
  storyBranches,
  storyCategories,
  storyQuestions,
  storySeasons,
  storyThemes,
} from '../schema';
import { stories } from './data';

/** Namespace for the deterministic ids of seeded questions and branches (re-seeding finds them). */
const SEED_NAMESPACE = '6f1c2b1e-3f0a-4f6b-9a57-5b1d8f2e7c11';

type IdsByName = Map<string, string>;

function idsFor(names: readonly string[] | undefined, ids: IdsByName, kind: string): string[] {
  return (names ?? []).map((name) => {
    const id = ids.get(name);
    if (!id) throw new Error(`Seed story refers to unknown ${kind} "${name}"`);
    return id;
  });
}

/**
 * Inserts the demo stories that are missing, with their links, questions and branches. Stories
 * already present are left as they are (an admin may have edited them); every insert is
 * conflict-tolerant, so re-running the seed changes nothing.
 */
export async function seedStories(
  tx: Tx,
  lookups: { categories: IdsByName; themes: IdsByName; seasons: IdsByName },
): Promise<number> {
  const storyRows = stories.map((story) => ({
    id: story.id,
    title: story.title,
    description: story.description,
    language: story.language,
    coverImageUrl: story.coverImageUrl,
    textContent: story.textContent,
    ...storyTextMetrics(story.textContent),
    isInteractive: story.isInteractive,
    ageMin: story.ageMin,
    ageMax: story.ageMax,
    backgroundColor: story.backgroundColor,
    recommended: story.recommended,
    difficultyLevel: story.difficultyLevel,
  }));
  const inserted = await tx
    .insert(storiesTable)
    .values(storyRows)
    .onConflictDoNothing({ target: storiesTable.id })
    .returning({ id: storiesTable.id });

  const categoryLinks = stories.flatMap((story) =>
    idsFor(story.categoryNames, lookups.categories, 'category').map((categoryId) => ({
      storyId: story.id,
      categoryId,
    })),
  );
  const themeLinks = stories.flatMap((story) =>
    idsFor(story.themeNames, lookups.themes, 'theme').map((themeId) => ({ storyId: story.id, themeId })),
  );
  const seasonLinks = stories.flatMap((story) =>
    idsFor(story.seasonNames, lookups.seasons, 'season').map((seasonId) => ({ storyId: story.id, seasonId })),
  );
  const questions = stories.flatMap((story) =>
    story.questions.map((question, position) => ({
      id: uuidv5(`${story.id}:question:${position}`, SEED_NAMESPACE),
      storyId: story.id,
      question: question.question,
      options: [...question.options],
      correctOption: question.correctOption,
      position,
    })),
  );
  const branches = stories.flatMap((story) =>
    (story.branches ?? []).map((branch, index) => ({
      id: uuidv5(`${story.id}:branch:${index}`, SEED_NAMESPACE),
      storyId: story.id,
      prompt: branch.prompt,
      optionA: branch.optionA,
      optionB: branch.optionB,
      nextA: branch.nextA ?? null,
      nextB: branch.nextB ?? null,
    })),
  );

  if (categoryLinks.length) await tx.insert(storyCategories).values(categoryLinks).onConflictDoNothing();
  if (themeLinks.length) await tx.insert(storyThemes).values(themeLinks).onConflictDoNothing();
  if (seasonLinks.length) await tx.insert(storySeasons).values(seasonLinks).onConflictDoNothing();
  if (questions.length) await tx.insert(storyQuestions).values(questions).onConflictDoNothing();
  if (branches.length) await tx.insert(storyBranches).values(branches).onConflictDoNothing();
  return inserted.length;
}
