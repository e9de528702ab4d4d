import { cacheTags } from '@storytime/cache';
import { findStoryQuestion, insertQuizAnswer } from '@storytime/db/repositories/quiz-answers';
import { fromDatabaseError, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { applyEngagementEffects, recordEngagementEvent } from '../achievements/events';
import type { AnswerBody } from './report.schemas';

/** Quiz answers, REPORT-06: each answer feeds the `quiz_answered` event (rules.md §10.2, §11). */
export function createQuizService(core: CoreServices) {
  const { db, cache, config } = core;

  async function answer(
    caller: Principal,
    body: AnswerBody,
  ): Promise<{ answerId: string; isCorrect: boolean }> {
    const kid = await requireOwnedKid(db, caller, body.kidId);
    const question = await findStoryQuestion(db, {
      questionId: body.questionId,
      storyId: body.storyId,
      userId: caller.userId,
    });
    if (!question) throw new NotFoundError('Question');
    if (body.selectedOption >= question.optionCount) {
      throw new ValidationError('The selected option does not exist', [
        { path: 'selectedOption', message: `must be less than ${question.optionCount}` },
      ]);
    }
    const isCorrect = body.selectedOption === question.correctOption;
    const at = core.now();
    // The answer and its effects (activity log, badges, points) commit together (platform.md §13).
    const { answerId, effects } = await db
      .transaction(async (tx) => {
        const inserted = await insertQuizAnswer(tx, {
          kidId: kid.id,
          questionId: question.id,
          storyId: question.storyId,
          selectedOption: body.selectedOption,
          isCorrect,
          answeredAt: at,
        });
        const effects = await recordEngagementEvent(
          tx,
          {
            type: 'quiz_answered',
            parentId: kid.parentId,
            kidId: kid.id,
            refId: question.id,
            correct: isCorrect,
            at,
          },
          { timeZone: config.env.APP_TIMEZONE },
        );
        return { answerId: inserted.id, effects };
      })
      // The kid or question vanishing between the checks and the write is a 400, never a 500.
      .catch((error: unknown) => {
        throw fromDatabaseError(error, 'Answer');
      });
    await applyEngagementEffects(cache, [
      effects,
      { invalidate: [], tags: [cacheTags.progress(caller.userId)] },
    ]);
    return { answerId, isCorrect };
  }

  return { answer };
}
