import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { describeMatrix, type MatrixRow, type MatrixUsers } from './authorization-matrix-kit';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/**
 * The authorization matrix of issue [5]: every engagement route (daily challenges, story buddies,
 * achievements, rewards, reports, activity logs and analytics, help and support) checked for 401,
 * 404 to another parent, 403 to a parent on admin routes, and success for the rightful caller.
 */

interface Context extends MatrixUsers {
  kid: string;
  storyId: string;
  questionId: string;
  challengeId: string;
  assignmentId: string;
  buddyId: string;
  rewardId: string;
  redemptionId: string;
  logId: string;
  ticketId: string;
}

type Row = MatrixRow<Context>;

let t: TestApp;
let context: Context;

const today = () => new Date().toISOString().slice(0, 10);
/** Distinct far-future dates: challenges are unique per (story, date) and global rows. */
let dayOffset = 3_000 + Math.floor(Math.random() * 20_000);
const nextDate = () => {
  dayOffset += 1;
  return new Date(Date.UTC(2030, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
};

async function api(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  as: TestUser,
  body?: unknown,
) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: as.auth,
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json().data;
}

const newChallenge = async (c: Context, date = nextDate()) =>
  (
    await api('POST', '/stories/daily-challenge', c.admin, {
      storyId: c.storyId,
      challengeDate: date,
      wordOfTheDay: 'brave',
      meaning: 'Ready to face danger',
    })
  ).id as string;

const newBuddy = async (c: Context) =>
  (
    await api('POST', '/story-buddies', c.admin, {
      name: `buddy-${randomUUID().slice(0, 8)}`,
      displayName: 'Bolt',
      type: 'robot',
      imageUrl: 'https://images.example.com/bolt.png',
    })
  ).id as string;

const newReward = async (c: Context) =>
  (await api('POST', '/rewards', c.a, { kidId: c.kid, name: 'Ice cream', points: 5 })).id as string;

const matrix: Row[] = [
  // daily challenges
  {
    method: 'POST',
    path: '/stories/daily-challenge',
    access: 'admin',
    request: (c) => ({
      url: '/stories/daily-challenge',
      body: { storyId: c.storyId, challengeDate: nextDate(), wordOfTheDay: 'calm', meaning: 'Peaceful' },
    }),
    ok: 201,
  },
  {
    method: 'GET',
    path: '/stories/daily-challenge',
    access: 'admin',
    request: () => ({ url: `/stories/daily-challenge?date=${today()}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/stories/daily-challenge/assign',
    access: 'owner',
    request: async (c) => ({
      url: '/stories/daily-challenge/assign',
      body: { kidId: c.kid, challengeId: await newChallenge(c) },
    }),
    ok: 201,
  },
  {
    method: 'POST',
    path: '/stories/daily-challenge/complete',
    access: 'owner',
    request: (c) => ({ url: '/stories/daily-challenge/complete', body: { assignmentId: c.assignmentId } }),
    ok: 201,
  },
  {
    method: 'GET',
    path: '/stories/daily-challenge/kid/{kidId}',
    access: 'owner',
    request: (c) => ({ url: `/stories/daily-challenge/kid/${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/stories/daily-challenge/assignment/{id}',
    access: 'owner',
    request: (c) => ({ url: `/stories/daily-challenge/assignment/${c.assignmentId}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/stories/daily-challenge/assign-all',
    access: 'admin',
    request: () => ({ url: '/stories/daily-challenge/assign-all', body: { date: nextDate() } }),
    ok: 202,
  },
  {
    method: 'GET',
    path: '/stories/daily-challenge/today',
    access: 'owner',
    request: (c) => ({ url: `/stories/daily-challenge/today?kidId=${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/stories/daily-challenge/kid/{kidId}/week',
    access: 'owner',
    request: (c) => ({ url: `/stories/daily-challenge/kid/${c.kid}/week?weekStart=${today()}` }),
    ok: 200,
  },
  // story buddies
  {
    method: 'GET',
    path: '/story-buddies/active',
    access: 'public',
    request: () => ({ url: '/story-buddies/active' }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/story-buddies/{id}',
    access: 'public',
    request: (c) => ({ url: `/story-buddies/${c.buddyId}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/story-buddies/kids/{kidId}/select',
    access: 'owner',
    request: (c) => ({ url: `/story-buddies/kids/${c.kid}/select`, body: { buddyId: c.buddyId } }),
    ok: 201,
  },
  {
    method: 'PUT',
    path: '/story-buddies/kids/{kidId}/buddy',
    access: 'owner',
    request: (c) => ({ url: `/story-buddies/kids/${c.kid}/buddy`, body: { buddyId: c.buddyId } }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/story-buddies/kids/{kidId}/buddy',
    access: 'owner',
    request: (c) => ({ url: `/story-buddies/kids/${c.kid}/buddy` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/story-buddies/kids/{kidId}/welcome',
    access: 'owner',
    request: (c) => ({ url: `/story-buddies/kids/${c.kid}/welcome` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/story-buddies/kids/{kidId}/message',
    access: 'owner',
    request: (c) => ({ url: `/story-buddies/kids/${c.kid}/message`, body: { context: 'greeting' } }),
    ok: 201,
  },
  {
    method: 'GET',
    path: '/story-buddies',
    access: 'admin',
    request: () => ({ url: '/story-buddies' }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/story-buddies',
    access: 'admin',
    request: () => ({
      url: '/story-buddies',
      body: {
        name: `buddy-${randomUUID().slice(0, 8)}`,
        displayName: 'Zip',
        type: 'alien',
        imageUrl: 'https://images.example.com/zip.png',
      },
    }),
    ok: 201,
  },
  {
    method: 'PUT',
    path: '/story-buddies/{id}',
    access: 'admin',
    request: (c) => ({ url: `/story-buddies/${c.buddyId}`, body: { displayName: 'Bolt the Brave' } }),
    ok: 200,
  },
  {
    method: 'DELETE',
    path: '/story-buddies/{id}',
    access: 'admin',
    request: async (c) => ({ url: `/story-buddies/${await newBuddy(c)}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/story-buddies/{id}/undo-delete',
    access: 'admin',
    request: async (c) => {
      const id = await newBuddy(c);
      await api('DELETE', `/story-buddies/${id}`, c.admin);
      return { url: `/story-buddies/${id}/undo-delete` };
    },
    ok: 201,
  },
  {
    method: 'GET',
    path: '/story-buddies/admin/stats',
    access: 'admin',
    request: () => ({ url: '/story-buddies/admin/stats' }),
    ok: 200,
  },
  // achievements (with a kid: the owner's kid)
  {
    method: 'GET',
    path: '/progress/home',
    access: 'owner',
    request: (c) => ({ url: `/progress/home?kidId=${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/progress/streak',
    access: 'owner',
    request: (c) => ({ url: `/progress/streak?kidId=${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/progress/badges/preview',
    access: 'owner',
    request: (c) => ({ url: `/progress/badges/preview?kidId=${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/progress/badges',
    access: 'owner',
    request: (c) => ({ url: `/progress/badges?kidId=${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/progress/overview',
    access: 'owner',
    request: (c) => ({ url: `/progress/overview?kidId=${c.kid}` }),
    ok: 200,
  },
  // rewards
  {
    method: 'POST',
    path: '/rewards',
    access: 'owner',
    request: (c) => ({ url: '/rewards', body: { kidId: c.kid, name: 'Park trip', points: 3 } }),
    ok: 201,
  },
  { method: 'GET', path: '/rewards', access: 'session', request: () => ({ url: '/rewards' }), ok: 200 },
  {
    method: 'GET',
    path: '/rewards/kid/{kidId}',
    access: 'owner',
    request: (c) => ({ url: `/rewards/kid/${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/rewards/{id}',
    access: 'owner',
    request: (c) => ({ url: `/rewards/${c.rewardId}` }),
    ok: 200,
  },
  {
    method: 'PATCH',
    path: '/rewards/{id}',
    access: 'owner',
    request: (c) => ({ url: `/rewards/${c.rewardId}`, body: { name: 'Big ice cream' } }),
    ok: 200,
  },
  {
    method: 'DELETE',
    path: '/rewards/{id}',
    access: 'owner',
    request: async (c) => ({ url: `/rewards/${await newReward(c)}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/rewards/redeem',
    access: 'owner',
    request: (c) => ({ url: '/rewards/redeem', body: { rewardId: c.rewardId, kidId: c.kid } }),
    ok: 201,
  },
  {
    method: 'PATCH',
    path: '/rewards/redemption/status',
    access: 'owner',
    request: async (c) => {
      const redemption = await api('POST', '/rewards/redeem', c.a, { rewardId: c.rewardId, kidId: c.kid });
      return { url: '/rewards/redemption/status', body: { redemptionId: redemption.id, status: 'rejected' } };
    },
    ok: 200,
  },
  {
    method: 'GET',
    path: '/rewards/redemption/kid/{kidId}',
    access: 'owner',
    request: (c) => ({ url: `/rewards/redemption/kid/${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/rewards/redemption/{id}',
    access: 'owner',
    request: (c) => ({ url: `/rewards/redemption/${c.redemptionId}` }),
    ok: 200,
  },
  // reports
  {
    method: 'GET',
    path: '/reports/weekly/{parentId}',
    access: 'owner-or-admin',
    request: (c) => ({ url: `/reports/weekly/${c.a.id}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/reports/kid/{kidId}',
    access: 'owner',
    request: (c) => ({ url: `/reports/kid/${c.kid}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/reports/screen-time/start',
    access: 'owner',
    request: (c) => ({ url: '/reports/screen-time/start', body: { kidId: c.kid } }),
    ok: 201,
  },
  {
    method: 'POST',
    path: '/reports/screen-time/end',
    access: 'owner',
    request: async (c) => {
      const kid = await createKid(t.app, c.a.id);
      const { sessionId } = await api('POST', '/reports/screen-time/start', c.a, { kidId: kid });
      return { url: '/reports/screen-time/end', body: { sessionId } };
    },
    ok: 201,
  },
  {
    method: 'GET',
    path: '/reports/daily-limit/{kidId}',
    access: 'owner',
    request: (c) => ({ url: `/reports/daily-limit/${c.kid}` }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/reports/answer',
    access: 'owner',
    request: (c) => ({
      url: '/reports/answer',
      body: { kidId: c.kid, questionId: c.questionId, storyId: c.storyId, selectedOption: 0 },
    }),
    ok: 201,
  },
  // activity logs and analytics
  {
    method: 'POST',
    path: '/activity-logs',
    access: 'owner',
    request: (c) => ({
      url: '/activity-logs',
      body: { kidId: c.kid, action: 'app_open', status: 'SUCCESS' },
    }),
    ok: 201,
  },
  {
    method: 'GET',
    path: '/activity-logs/user/{userId}',
    access: 'owner-or-admin',
    request: (c) => ({ url: `/activity-logs/user/${c.a.id}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/activity-logs/kid/{kidId}',
    access: 'owner-or-admin',
    request: (c) => ({ url: `/activity-logs/kid/${c.kid}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/activity-logs/{id}',
    access: 'owner-or-admin',
    request: (c) => ({ url: `/activity-logs/${c.logId}` }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/analytics/stats',
    access: 'admin',
    request: () => ({ url: '/analytics/stats' }),
    ok: 200,
  },
  // help and support
  {
    method: 'GET',
    path: '/help-support/faqs',
    access: 'public',
    request: () => ({ url: '/help-support/faqs' }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/help-support/contact',
    access: 'public',
    request: () => ({ url: '/help-support/contact' }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/help-support/terms',
    access: 'public',
    request: () => ({ url: '/help-support/terms' }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/help-support/privacy',
    access: 'public',
    request: () => ({ url: '/help-support/privacy' }),
    ok: 200,
  },
  {
    method: 'POST',
    path: '/help-support/tickets',
    access: 'session',
    request: () => ({
      url: '/help-support/tickets',
      body: { subject: 'Audio', message: 'The narration skips' },
    }),
    ok: 201,
  },
  {
    method: 'GET',
    path: '/help-support/tickets',
    access: 'session',
    request: () => ({ url: '/help-support/tickets' }),
    ok: 200,
  },
  {
    method: 'GET',
    path: '/help-support/tickets/{id}',
    access: 'owner',
    request: (c) => ({ url: `/help-support/tickets/${c.ticketId}` }),
    ok: 200,
  },
];

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
  const [a, b, admin, scratch] = await Promise.all([
    createUser(t.app),
    createUser(t.app),
    createUser(t.app, { role: 'admin' }),
    createUser(t.app),
  ]);
  const kid = await createKid(t.app, a.id);
  await t.deps.pool.query('update kids set points_balance = 1000 where id = $1', [kid]);
  const { rows: stories } = await t.deps.pool.query<{ id: string }>(
    `insert into stories (id, title, description, language, text_content, word_count)
     values ($1, 'Matrix story', 'For the matrix', 'English', 'Once upon a time.', 4) returning id`,
    [randomUUID()],
  );
  const storyId = stories[0]!.id;
  const { rows: questions } = await t.deps.pool.query<{ id: string }>(
    `insert into story_questions (id, story_id, question, options, correct_option)
     values ($1, $2, 'Who?', array['A','B','C','D'], 0) returning id`,
    [randomUUID(), storyId],
  );
  const partial = { a, b, admin, scratch, kid, storyId, questionId: questions[0]!.id } as Context;
  context = partial;
  context.challengeId = await newChallenge(partial, today());
  context.assignmentId = (
    await api('POST', '/stories/daily-challenge/assign', a, { kidId: kid, challengeId: context.challengeId })
  ).id;
  context.buddyId = await newBuddy(partial);
  await api('POST', `/story-buddies/kids/${kid}/select`, a, { buddyId: context.buddyId });
  context.rewardId = await newReward(partial);
  context.redemptionId = (
    await api('POST', '/rewards/redeem', a, { rewardId: context.rewardId, kidId: kid })
  ).id;
  context.logId = (await api('POST', '/activity-logs', a, { action: 'app_open', status: 'SUCCESS' })).id;
  context.ticketId = (
    await api('POST', '/help-support/tickets', a, { subject: 'Hello', message: 'Hi there' })
  ).id;
});

afterAll(async () => t.close());

describeMatrix<Context>({
  title: 'authorization matrix: engagement',
  rows: matrix,
  coveredPrefixes: [
    '/stories/daily-challenge',
    '/story-buddies',
    '/progress/',
    '/rewards',
    '/reports',
    '/activity-logs',
    '/analytics',
    '/help-support/',
  ],
  excluded: ['POST /help-support/feedback'],
  app: () => t,
  context: () => context,
});
