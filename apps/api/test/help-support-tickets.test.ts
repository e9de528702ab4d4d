import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

const URL = '/api/v1/help-support/tickets';

let t: TestApp;
let parent: TestUser;
let other: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
  [parent, other, admin] = await Promise.all([
    createUser(t.app),
    createUser(t.app),
    createUser(t.app, { role: 'admin' }),
  ]);
});
afterAll(async () => t.close());

const open = (user: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: URL, headers: user.auth, payload });

describe('HELP-06 POST /help-support/tickets', () => {
  it('opens a ticket of the caller with status open (trimmed texts)', async () => {
    const res = await open(parent, {
      subject: '  Audio stops  ',
      message: 'The narration stops after a page.',
    });
    expect(res.statusCode).toBe(201);
    const ticket = res.json().data;
    expect(ticket).toEqual({
      id: expect.any(String),
      userId: parent.id,
      subject: 'Audio stops',
      message: 'The narration stops after a page.',
      status: 'open',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const { rows } = await t.deps.pool.query(
      'select user_id, status, metadata from support_tickets where id = $1',
      [ticket.id],
    );
    expect(rows[0]).toEqual({ user_id: parent.id, status: 'open', metadata: null });
  });

  it.each([
    ['a missing subject', { message: 'Hi' }],
    ['a blank subject', { subject: '   ', message: 'Hi' }],
    ['a subject over 200 characters', { subject: 's'.repeat(201), message: 'Hi' }],
    ['a message over 5000 characters', { subject: 'Hi', message: 'm'.repeat(5001) }],
    ['a userId (the user is the caller)', { subject: 'Hi', message: 'Hi', userId: randomUUID() }],
    ['a status', { subject: 'Hi', message: 'Hi', status: 'resolved' }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, payload) => {
    const res = await open(parent, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_ERROR');
  });

  it('answers 401 without a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: URL, payload: { subject: 'Hi', message: 'Hi' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_INVALID_TOKEN');
  });
});

describe('HELP-07 GET /help-support/tickets', () => {
  it('pages through the caller’s own tickets, newest first', async () => {
    const user = await createUser(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await open(user, { subject: `T${i}`, message: 'Body' })).json().data.id);
    await open(other, { subject: 'Not yours', message: 'Body' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await t.app.inject({ method: 'GET', url: `${URL}${query}`, headers: user.auth });
      expect(res.statusCode).toBe(200);
      const page = res.json().data;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item: { id: string; userId: string }) => item.id));
      for (const item of page.items) expect(item.userId).toBe(user.id);
      expect(page.hasMore).toBe(page.nextCursor !== null);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers an empty page for a user without tickets, with the default limit', async () => {
    const user = await createUser(t.app);
    const res = await t.app.inject({ method: 'GET', url: URL, headers: user.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ items: [], nextCursor: null, hasMore: false });
  });

  it.each([
    ['limit=0', 'limit=0'],
    ['limit=101', 'limit=101'],
    ['a malformed cursor', 'cursor=not-a-cursor'],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, query) => {
    const res = await t.app.inject({ method: 'GET', url: `${URL}?${query}`, headers: parent.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_ERROR');
  });

  it('answers 401 without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });
});

describe('HELP-08 GET /help-support/tickets/:id', () => {
  it('answers the caller’s ticket, and 404 to anyone else (admins included)', async () => {
    const id = (await open(parent, { subject: 'Mine', message: 'Body' })).json().data.id;
    const mine = await t.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: parent.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data).toMatchObject({ id, userId: parent.id, subject: 'Mine', status: 'open' });

    for (const caller of [other, admin]) {
      const res = await t.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: caller.auth });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: `${URL}/${randomUUID()}`,
      headers: parent.auth,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('answers 400 for a malformed id and 401 without a token', async () => {
    const bad = await t.app.inject({ method: 'GET', url: `${URL}/123`, headers: parent.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_ERROR');
    expect((await t.app.inject({ method: 'GET', url: `${URL}/${randomUUID()}` })).statusCode).toBe(401);
  });
});
