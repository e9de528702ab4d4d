import { randomUUID } from 'node:crypto';
import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { at, createQuestion, createStory, softDeleteKid, sql } from './reports-fixtures';

describe('reports: quiz answers (REPORT-06)', () => {
  let t: TestApp;
  let parent: TestUser;
  let stranger: TestUser;
  let storyId: string;
  let questionId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_DEFAULT_PER_MIN: '10000' } });
    [parent, stranger] = await Promise.all([createUser(t.app), createUser(t.app)]);
    storyId = await createStory(t);
    questionId = await createQuestion(t, storyId, ['a fox', 'a bear', 'an owl'], 2);
  });
  afterAll(async () => t.close());

  const answer = (body: Record<string, unknown>, user?: TestUser) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/answer',
      payload: body,
      ...(user ? { headers: user.auth } : {}),
    });
  const answersOf = async (kidId: string) =>
    (
      await sql(
        t,
        'select id, question_id, story_id, selected_option, is_correct, answered_at from question_answers where kid_id = $1 order by answered_at',
        [kidId],
      )
    ).rows;
  const activitiesOf = async (kidId: string) =>
    (
      await sql(
        t,
        "select user_id, action, status from activity_logs where kid_id = $1 and action = 'quiz_answered'",
        [kidId],
      )
    ).rows;

  it('stores a correct answer and feeds the quiz_answered event in the same transaction', async () => {
    const kidId = await createKid(t.app, parent.id);
    const res = await at(t, '2025-06-04T10:00:00Z', () =>
      answer({ kidId, questionId, storyId, selectedOption: 2 }, parent),
    );
    expect(res.statusCode).toBe(201);
    const { answerId } = res.json().data;
    expect(res.json().data).toEqual({ answerId, isCorrect: true });
    const [row] = await answersOf(kidId);
    expect(row).toMatchObject({
      id: answerId,
      question_id: questionId,
      story_id: storyId,
      selected_option: 2,
    });
    expect(row.is_correct).toBe(true);
    expect(new Date(row.answered_at).toISOString()).toBe('2025-06-04T10:00:00.000Z');
    expect(await activitiesOf(kidId)).toEqual([
      { user_id: parent.id, action: 'quiz_answered', status: 'SUCCESS' },
    ]);
  });

  it('marks a wrong answer, records every attempt, logs each and credits the first correct one', async () => {
    const kidId = await createKid(t.app, parent.id);
    const wrong = await answer({ kidId, questionId, storyId, selectedOption: 0 }, parent);
    expect(wrong.statusCode).toBe(201);
    expect(wrong.json().data.isCorrect).toBe(false);
    const right = await answer({ kidId, questionId, storyId, selectedOption: 2 }, parent);
    expect(right.json().data.isCorrect).toBe(true);
    const again = await answer({ kidId, questionId, storyId, selectedOption: 2 }, parent);
    expect(again.json().data.isCorrect).toBe(true);
    expect((await answersOf(kidId)).map((row) => row.is_correct)).toEqual([false, true, true]);
    expect(await activitiesOf(kidId)).toHaveLength(3);
    // Only the kid's first correct answer to a question earns its point (rules.md §11).
    const ledger = await sql(
      t,
      'select delta, reason, ref_id from kid_point_transactions where kid_id = $1',
      [kidId],
    );
    expect(ledger.rows).toEqual([{ delta: 1, reason: 'quiz_correct', ref_id: questionId }]);
    const balance = await sql(t, 'select points_balance from kids where id = $1', [kidId]);
    expect(balance.rows[0].points_balance).toBe(1);
  });

  it('feeds the weekly accuracy of the kid report', async () => {
    const kidId = await createKid(t.app, parent.id);
    await answer({ kidId, questionId, storyId, selectedOption: 2 }, parent);
    await answer({ kidId, questionId, storyId, selectedOption: 1 }, parent);
    await answer({ kidId, questionId, storyId, selectedOption: 2 }, parent);
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/kid/${kidId}`,
      headers: parent.auth,
    });
    expect(report.json().data).toMatchObject({ rightAnswers: 2, totalAnswers: 3, accuracyPercentage: 67 });
  });

  it("drops the caller's progress caches", async () => {
    const kidId = await createKid(t.app, parent.id);
    const key = cacheKeys.progressOverview(parent.id);
    let loads = 0;
    const load = () =>
      t.app.core.cache.getOrSet(key, CACHE_TTL.progressOverview, async () => ++loads, {
        tags: [cacheTags.progress(parent.id)],
      });
    await load();
    await answer({ kidId, questionId, storyId, selectedOption: 2 }, parent);
    await load();
    expect(loads).toBe(2);
  });

  it('answers 400 for an option beyond the question, a negative or fractional option, or extra fields', async () => {
    const kidId = await createKid(t.app, parent.id);
    const bodies = [
      { kidId, questionId, storyId, selectedOption: 3 },
      { kidId, questionId, storyId, selectedOption: -1 },
      { kidId, questionId, storyId, selectedOption: 1.5 },
      { kidId, questionId, storyId, selectedOption: '1' },
      { kidId, questionId, storyId },
      { kidId, questionId, storyId, selectedOption: 1, correct: true },
      { kidId: 'x', questionId, storyId, selectedOption: 1 },
    ];
    for (const body of bodies) {
      const res = await answer(body, parent);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    }
    expect(await answersOf(kidId)).toHaveLength(0);
    expect(await activitiesOf(kidId)).toHaveLength(0);
  });

  it('answers 404 when the question does not belong to the story or the story is hidden', async () => {
    const kidId = await createKid(t.app, parent.id);
    const otherStory = await createStory(t);
    expect(
      (await answer({ kidId, questionId, storyId: otherStory, selectedOption: 0 }, parent)).statusCode,
    ).toBe(404);
    expect(
      (await answer({ kidId, questionId: randomUUID(), storyId, selectedOption: 0 }, parent)).statusCode,
    ).toBe(404);
    // A family's private story is hidden from other families; a deleted story from everyone.
    const privateStory = await createStory(t, { ownerUserId: stranger.id });
    const privateQuestion = await createQuestion(t, privateStory, ['x', 'y'], 0);
    const hidden = await answer(
      { kidId, questionId: privateQuestion, storyId: privateStory, selectedOption: 0 },
      parent,
    );
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('RESOURCE_NOT_FOUND');
    const deletedStory = await createStory(t, { deleted: true });
    const deletedQuestion = await createQuestion(t, deletedStory, ['x', 'y'], 0);
    expect(
      (await answer({ kidId, questionId: deletedQuestion, storyId: deletedStory, selectedOption: 0 }, parent))
        .statusCode,
    ).toBe(404);
    expect(await answersOf(kidId)).toHaveLength(0);
  });

  it("answers 404 for another parent's kid or a deleted kid, 401 without a token", async () => {
    const kidId = await createKid(t.app, parent.id);
    const body = { kidId, questionId, storyId, selectedOption: 2 };
    expect((await answer(body, stranger)).statusCode).toBe(404);
    expect((await answer(body)).statusCode).toBe(401);
    await softDeleteKid(t, kidId);
    expect((await answer(body, parent)).statusCode).toBe(404);
    expect(await answersOf(kidId)).toHaveLength(0);
  });
});
