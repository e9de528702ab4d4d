import { contact, faqs, privacy, terms } from '@storytime/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/help-support/${path}`, headers });

describe('HELP-01/03/04/05 static help texts (public, from @storytime/content)', () => {
  it('HELP-01 answers the 4 FAQs', async () => {
    const res = await get('faqs');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ success: true, statusCode: 200 });
    expect(res.json().data).toEqual(faqs);
    expect(res.json().data).toHaveLength(4);
  });

  it('HELP-03 answers the contact email and phone', async () => {
    const res = await get('contact');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual(contact);
    expect(res.json().data.email).toBe('team@storytime.app');
  });

  it('HELP-04 answers the 7 terms sections', async () => {
    const res = await get('terms');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual(terms);
    expect(res.json().data).toHaveLength(7);
  });

  it('HELP-05 answers the privacy text', async () => {
    const res = await get('privacy');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual(privacy);
  });

  it('needs no token, accepts a valid one and ignores a stale one', async () => {
    const user = await createUser(t.app);
    expect((await get('faqs', user.auth)).statusCode).toBe(200);
    expect((await get('terms', { authorization: 'Bearer not-a-token' })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown help page or a write to a static page', async () => {
    const res = await get('cookies');
    expect(res.statusCode).toBe(404);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/help-support/faqs', payload: {} });
    expect(post.statusCode).toBe(404);
  });
});
