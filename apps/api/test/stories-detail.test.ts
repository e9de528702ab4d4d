import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import {
  type Catalogue,
  insertCatalogue,
  insertImagesAndBranches,
  insertQuestions,
  insertStory,
  linkCatalogue,
  usageOf,
} from './stories-detail-fixtures';

/** STORY-50 `GET /stories/:id` (api.md §4.12): visibility, shape and statement count. */

let t: TestApp;
let parent: TestUser;
let catalogue: Catalogue;

const read = (id: string, user: TestUser | null = parent) =>
  t.app.inject({ method: 'GET', url: `/api/v1/stories/${id}`, headers: user ? user.auth : {} });

beforeAll(async () => {
  t = await createTestApp();
  parent = await createUser(t.app);
  catalogue = await insertCatalogue(t);
});
afterAll(async () => t.close());

describe('GET /stories/:id', () => {
  it('answers the StoryDetail with text, images, branches and questions in position order', async () => {
    const id = await insertStory(t, {
      textContent: 'One two three four.',
      wordCount: 4,
      durationSeconds: 2,
      ageMin: 3,
      ageMax: 7,
      difficultyLevel: 2,
    });
    await linkCatalogue(t, id, catalogue);
    await insertImagesAndBranches(t, id);
    await insertQuestions(t, id, 3);

    const response = await read(id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.success).toBe(true);
    const story = body.data;
    expect(story).toMatchObject({
      id,
      textContent: 'One two three four.',
      wordCount: 4,
      durationSeconds: 2,
      ageMin: 3,
      ageMax: 7,
      difficultyLevel: 2,
      language: 'English',
      aiGenerated: false,
      creatorKidId: null,
      categories: [{ id: catalogue.categoryId, name: catalogue.names.category }],
      themes: [{ id: catalogue.themeId, name: catalogue.names.theme }],
      seasons: [{ id: catalogue.seasonId, name: catalogue.names.season }],
    });
    expect(story.images).toEqual([
      { id: expect.any(String), url: 'https://img.example.com/1.png', caption: 'first' },
      { id: expect.any(String), url: 'https://img.example.com/2.png', caption: null },
    ]);
    expect(story.branches).toEqual([
      {
        id: expect.any(String),
        prompt: 'Left or right?',
        optionA: 'Left',
        optionB: 'Right',
        nextA: 'cave',
        nextB: null,
      },
    ]);
    expect(story.questions.map((q: { question: string }) => q.question)).toEqual([
      'Question 0?',
      'Question 1?',
      'Question 2?',
    ]);
    expect(story.questions[1]).toEqual({
      id: expect.any(String),
      question: 'Question 1?',
      options: ['a', 'b', 'c', 'd'],
      correctOption: 1,
    });
    expect(new Date(story.createdAt).toISOString()).toBe(story.createdAt);
    // Internal columns never leave the API.
    expect(story).not.toHaveProperty('ownerUserId');
    expect(story).not.toHaveProperty('favoriteCount');
    expect(story).not.toHaveProperty('createdAtKey');
    expect(story).not.toHaveProperty('textHash');
  });

  it('answers empty child lists for a story without images, branches or questions', async () => {
    const id = await insertStory(t, { textContent: null });
    const response = await read(id);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({
      textContent: null,
      images: [],
      branches: [],
      questions: [],
      categories: [],
    });
  });

  it('needs a session', async () => {
    const id = await insertStory(t);
    const response = await read(id, null);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('AUTH_INVALID_TOKEN');
  });

  it('rejects a malformed id with 400', async () => {
    const response = await read('not-a-uuid');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_ERROR');
  });

  it('answers 404 for unknown, deleted and unpublished stories', async () => {
    const deleted = await insertStory(t, { isDeleted: true, deletedAt: new Date() });
    const draft = await insertStory(t, { isPublished: false });
    for (const id of [randomUUID(), deleted, draft]) {
      const response = await read(id);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('RESOURCE_NOT_FOUND');
    }
  });

  it("hides another family's generated story (404) and shows the family its own, unmetered", async () => {
    const other = await createUser(t.app);
    const otherKid = await createKid(t.app, other.id);
    const privateStory = await insertStory(t, {
      aiGenerated: true,
      ownerUserId: other.id,
      creatorKidId: otherKid,
    });
    const refused = await read(privateStory, parent);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('RESOURCE_NOT_FOUND');

    const own = await read(privateStory, other);
    expect(own.statusCode).toBe(200);
    expect(own.json().data).toMatchObject({ id: privateStory, aiGenerated: true, creatorKidId: otherKid });
    // rules.md §2 step 2: the family's own generated story costs no quota and leaves no access row.
    const usage = await usageOf(t, other.id);
    expect(usage === undefined || Number(usage.accessed) === 0).toBe(true);
  });

  it('costs the same constant number of statements for 2 or 20 questions', async () => {
    const reader = await createUser(t.app);
    const small = await insertStory(t);
    const large = await insertStory(t);
    await insertQuestions(t, small, 2);
    await insertQuestions(t, large, 20);
    for (const id of [small, large]) {
      await insertImagesAndBranches(t, id);
      await linkCatalogue(t, id, catalogue);
    }
    // Warm the session and premium caches (and the usage row) with an unrelated read.
    expect((await read(await insertStory(t), reader)).statusCode).toBe(200);

    const first = [
      await countQueries(t, { method: 'GET', url: `/api/v1/stories/${small}`, headers: reader.auth }),
      await countQueries(t, { method: 'GET', url: `/api/v1/stories/${large}`, headers: reader.auth }),
    ];
    expect(first.map((run) => run.response.statusCode)).toEqual([200, 200]);
    expect(first[0]!.response.json().data.questions).toHaveLength(2);
    expect(first[1]!.response.json().data.questions).toHaveLength(20);
    expect(first[0]!.count).toBe(first[1]!.count);
    // begin, detail, access probe, usage upsert + lock, access insert + counter, commit.
    expect(first[0]!.count).toBeLessThanOrEqual(8);

    // A re-read only probes the access row.
    const again = [
      await countQueries(t, { method: 'GET', url: `/api/v1/stories/${small}`, headers: reader.auth }),
      await countQueries(t, { method: 'GET', url: `/api/v1/stories/${large}`, headers: reader.auth }),
    ];
    expect(again[0]!.count).toBe(again[1]!.count);
    expect(again[0]!.count).toBeLessThanOrEqual(4);
    expect(again[0]!.statements.filter((sql) => /story_questions/.test(sql))).toHaveLength(1);
  });
});
