import { randomUUID } from 'node:crypto';
import { QUEUE } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

const URL = '/api/v1/help-support/feedback';

/** The job_requests row recorded for a feedback, found by its Reply-To (unique per test). */
async function feedbackJob(t: TestApp, replyTo: string) {
  return t.app.core.db.query.jobRequests.findFirst({
    where: (job, { sql }) => sql`${job.params}->>'replyTo' = ${replyTo}`,
  });
}

describe('HELP-02 POST /help-support/feedback', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_AUTH_PER_MIN: '100' } });
  });
  afterAll(async () => t.close());

  it('records a feedback-notification email to the support inbox with Reply-To the sender', async () => {
    const sender = `Feedback-${randomUUID().slice(0, 8)}@Example.com`;
    const res = await t.app.inject({
      method: 'POST',
      url: URL,
      payload: {
        fullname: '  Ana Lima ',
        email: sender,
        category: 'bug',
        message: 'The map\ndoes not load.',
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ success: true, statusCode: 201 });
    expect(body.data).toEqual({ message: body.message });

    const job = await feedbackJob(t, sender.toLowerCase());
    expect(job).toMatchObject({
      kind: 'email',
      queue: QUEUE.email,
      jobName: 'send-email',
      priority: 5,
      status: 'queued',
      userId: null,
    });
    expect(job?.params).toMatchObject({
      template: 'feedback-notification',
      to: 'SUPPORT',
      category: 'FEEDBACK',
      replyTo: sender.toLowerCase(),
      data: {
        fullname: 'Ana Lima',
        email: sender.toLowerCase(),
        category: 'bug',
        message: 'The map\ndoes not load.',
        submittedAt: expect.any(String),
      },
    });
    const queued = await t.app.core.producer.queue(QUEUE.email).getJob(job!.id);
    expect(queued?.data).toMatchObject({ jobRequestId: job!.id });
  });

  it('accepts feedback without a category, and links a signed-in sender', async () => {
    const user = await createUser(t.app);
    const sender = `nocat-${randomUUID().slice(0, 8)}@example.com`;
    const res = await t.app.inject({
      method: 'POST',
      url: URL,
      headers: user.auth,
      payload: { fullname: 'Bo', email: sender, message: 'Love it' },
    });
    expect(res.statusCode).toBe(201);
    const job = await feedbackJob(t, sender);
    expect(job?.userId).toBe(user.id);
    expect((job!.params as { data: Record<string, unknown> }).data).not.toHaveProperty('category');
  });

  it.each([
    ['a missing message', { fullname: 'Ana', email: 'ana@example.com' }],
    ['an empty fullname', { fullname: '  ', email: 'ana@example.com', message: 'Hi' }],
    [
      'a fullname over 100 characters',
      { fullname: 'x'.repeat(101), email: 'ana@example.com', message: 'Hi' },
    ],
    ['a bad email', { fullname: 'Ana', email: 'not-an-email', message: 'Hi' }],
    [
      'a category over 50 characters',
      { fullname: 'Ana', email: 'ana@example.com', category: 'c'.repeat(51), message: 'Hi' },
    ],
    [
      'a message over 5000 characters',
      { fullname: 'Ana', email: 'ana@example.com', message: 'm'.repeat(5001) },
    ],
    ['an unknown field', { fullname: 'Ana', email: 'ana@example.com', message: 'Hi', extra: true }],
  ])('answers 400 VALIDATION_ERROR for %s and records nothing', async (_case, payload) => {
    const res = await t.app.inject({ method: 'POST', url: URL, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ success: false, code: 'VALIDATION_ERROR' });
  });
});

describe('HELP-02 rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_AUTH_PER_MIN: '2' } });
  });
  afterAll(async () => t.close());

  it('answers 429 RATE_LIMITED on the auth tier (per IP) past its limit', async () => {
    const send = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: URL,
        remoteAddress: ip,
        payload: { fullname: 'Ana', email: `rl-${randomUUID().slice(0, 8)}@example.com`, message: 'Hi' },
      });
    expect((await send('10.9.0.1')).statusCode).toBe(201);
    expect((await send('10.9.0.1')).statusCode).toBe(201);
    const limited = await send('10.9.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', details: { tier: 'auth' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await send('10.9.0.2')).statusCode).toBe(201);
  });
});
