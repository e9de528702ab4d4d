import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { questionAnswers, stories, storyQuestions } from '../schema';
import { visibleStoryTo } from './story-list';

/** Quiz questions and the kids' answers (REPORT-06, rules.md §10.2). */

export interface QuizQuestion {
  id: string;
  storyId: string;
  optionCount: number;
  correctOption: number;
}

/**
 * A question of `storyId` in a story the user may open (public, or generated for the family);
 * undefined when the question is missing, belongs to another story, or the story is hidden.
 */
export async function findStoryQuestion(
  tx: DbOrTx,
  input: { questionId: string; storyId: string; userId: string },
): Promise<QuizQuestion | undefined> {
  const [row] = await tx
    .select({
      id: storyQuestions.id,
      storyId: storyQuestions.storyId,
      optionCount: sql<number>`cardinality(${storyQuestions.options})`.mapWith(Number),
      correctOption: storyQuestions.correctOption,
    })
    .from(storyQuestions)
    .innerJoin(stories, eq(stories.id, storyQuestions.storyId))
    .where(
      and(
        eq(storyQuestions.id, input.questionId),
        eq(storyQuestions.storyId, input.storyId),
        visibleStoryTo(input.userId),
      ),
    );
  return row;
}

export async function insertQuizAnswer(
  tx: DbOrTx,
  values: {
    kidId: string;
    questionId: string;
    storyId: string;
    selectedOption: number;
    isCorrect: boolean;
    answeredAt: Date;
  },
): Promise<{ id: string }> {
  const [row] = await tx.insert(questionAnswers).values(values).returning({ id: questionAnswers.id });
  return row!;
}
