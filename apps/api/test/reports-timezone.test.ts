import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReports } from '../src/modules/reports/weekly-report';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { at, closedSession, completeStory, unlockBadge } from './reports-fixtures';

const env = { RATE_LIMIT_DEFAULT_PER_MIN: '10000' };

describe('reports: weeks in a non-UTC APP_TIMEZONE', () => {
  let t: TestApp;
  let parent: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...env, APP_TIMEZONE: 'America/New_York' } });
    parent = await createUser(t.app);
  });
  afterAll(async () => t.close());

  const weekly = async (weekStart?: string) => {
    const query = weekStart ? `?weekStart=${weekStart}` : '';
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/weekly/${parent.id}${query}`,
      headers: parent.auth,
    });
    expect(res.statusCode).toBe(200);
    return res.json().data;
  };

  it('bounds the week by local midnights (EDT, UTC−4)', async () => {
    const kid = await createKid(t.app, parent.id, 'Nova');
    // Week of 2025-06-02 in New York: [2025-06-02T04:00Z, 2025-06-09T04:00Z).
    await completeStory(t, kid, '2025-06-02T03:59:59Z'); // Sunday evening locally
    await completeStory(t, kid, '2025-06-02T04:00:00Z');
    await completeStory(t, kid, '2025-06-09T03:59:59Z');
    await completeStory(t, kid, '2025-06-09T04:00:00Z'); // next Monday locally
    await unlockBadge(t, parent.id, kid, '2025-06-09T02:00:00Z'); // Sunday 22:00 locally
    const data = await weekly('2025-06-02');
    expect(data.kids[0]).toMatchObject({ kidId: kid, storiesCompleted: 2, badgesEarned: 1 });

    // The current week follows the zone: Monday 01:30 UTC is still Sunday in New York.
    const current = await at(t, '2025-06-09T01:30:00Z', () => weekly());
    expect(current.weekStartDate).toBe('2025-06-02');
    expect(current.kids[0].storiesCompleted).toBe(2);
  });

  it('keeps local midnights across a DST change inside the week', async () => {
    const owner = await createUser(t.app);
    const kid = await createKid(t.app, owner.id, 'Ivy');
    // Week of 2025-03-03: starts 00:00 EST (05:00Z), ends Monday 2025-03-10 00:00 EDT (04:00Z).
    await completeStory(t, kid, '2025-03-03T05:00:00Z');
    await completeStory(t, kid, '2025-03-10T03:59:59Z');
    await completeStory(t, kid, '2025-03-10T04:30:00Z'); // 00:30 EDT on the next Monday
    const reports = await buildWeeklyReports(t.app.core.db, {
      weekStart: '2025-03-03',
      parentIds: [owner.id],
      timeZone: 'America/New_York',
    });
    expect(reports[0]!.kids[0]!.storiesCompleted).toBe(2);
  });

  it("reads the kid report's week and today in the zone", async () => {
    const kid = await createKid(t.app, parent.id, 'Rex');
    // 2025-06-09T02:00Z is Sunday 2025-06-08 22:00 in New York: the week of 2025-06-02, today 06-08.
    await completeStory(t, kid, '2025-06-03T12:00:00Z');
    await closedSession(t, kid, '2025-06-08', 600);
    await closedSession(t, kid, '2025-06-09', 6_000);
    const res = await at(t, '2025-06-09T02:00:00Z', () =>
      t.app.inject({ method: 'GET', url: `/api/v1/reports/kid/${kid}`, headers: parent.auth }),
    );
    expect(res.json().data).toMatchObject({ storiesCompleted: 1, screenTimeMins: 10 });
  });
});
