import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack';

/**
 * Issue [2]'s "done when", through HTTP only: a parent signs up, gets the verification code by
 * email (API → outbox → worker-email → SMTP), verifies, signs in, refreshes (the old refresh
 * token is then refused), sets up profile and PIN, adds and updates two kids and signs out; a
 * second parent can reach none of it; and no answer carries a secret it should not.
 */

const PASSWORD = 'Bright-Morning-7!';

let stack: Stack;
const email = `journey-${randomUUID().slice(0, 8)}@example.com`;
const issuedRefreshTokens: string[] = [];
let token = '';
let kidIds: string[] = [];
let userId = '';

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

describe('a family signs up and sets up', () => {
  it('registers and receives the verification code by email', async () => {
    const res = await stack.api('POST', '/auth/register', {
      body: { fullName: 'Ada Lovelace', email, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.json.data.user).toMatchObject({
      email,
      isEmailVerified: false,
      onboardingStatus: 'account_created',
    });
    issuedRefreshTokens.push(res.json.data.refreshToken);
    userId = res.json.data.user.id;

    const login = await stack.api('POST', '/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(400);
    expect(login.json.code).toBe('AUTH_EMAIL_NOT_VERIFIED');

    const code = await stack.codeSentTo(email);
    const verify = await stack.api('POST', '/auth/verify-email', { body: { token: code, email } });
    expect(verify.status).toBe(200);
  });

  it('signs in, rotates the refresh token and refuses the old one', async () => {
    const login = await stack.api('POST', '/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.json.data.user.isEmailVerified).toBe(true);
    const first = login.json.data.refreshToken as string;
    issuedRefreshTokens.push(first);

    const refreshed = await stack.api('POST', '/auth/refresh', { body: { token: first } });
    expect(refreshed.status).toBe(201);
    expect(refreshed.json.data.refreshToken).not.toBe(first);
    issuedRefreshTokens.push(refreshed.json.data.refreshToken);

    const reused = await stack.api('POST', '/auth/refresh', { body: { token: first } });
    expect(reused.status).toBe(401);
    expect(reused.json.code).toBe('AUTH_REFRESH_REUSED');
    // Reuse revoked that session: its access token no longer works either.
    const me = await stack.api('GET', '/user/me', { token: refreshed.json.data.jwt });
    expect(me.status).toBe(401);

    const again = await stack.api('POST', '/auth/login', { body: { email, password: PASSWORD } });
    expect(again.status).toBe(200);
    token = again.json.data.jwt;
    issuedRefreshTokens.push(again.json.data.refreshToken);
  });

  it('completes the profile and sets a PIN', async () => {
    const profile = await stack.api('POST', '/auth/complete-profile', {
      token,
      body: { language: 'English', languageCode: 'EN' },
    });
    expect(profile.status).toBe(200);
    expect(profile.json.data.onboardingStatus).toBe('profile_setup');

    const pin = await stack.api('POST', '/user/me/pin', { token, body: { pin: '482913' } });
    expect(pin.status).toBe(201);
    const verify = await stack.api('POST', '/user/me/pin/verify', { token, body: { pin: '482913' } });
    expect(verify.status).toBe(201);

    const me = await stack.api('GET', '/user/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.data).toMatchObject({ onboardingStatus: 'pin_setup', pinSet: true, isPremium: false });
  });

  it('adds two kids in one request and updates them', async () => {
    const created = await stack.api('POST', '/auth/kids', {
      token,
      body: [
        { name: 'Tomi', ageRange: '4-6' },
        { name: 'Zara', ageRange: '7-9' },
      ],
    });
    expect(created.status).toBe(201);
    kidIds = (created.json.data as Array<{ id: string }>).map((kid) => kid.id);
    expect(kidIds).toHaveLength(2);

    for (const kidId of kidIds) {
      const updated = await stack.api('PUT', `/auth/kids/${kidId}`, {
        token,
        body: {
          isBedtimeEnabled: true,
          bedtimeStart: '19:30',
          bedtimeEnd: '07:00',
          dailyScreenTimeLimitMins: 45,
        },
      });
      expect(updated.status).toBe(200);
      expect(updated.json.data).toMatchObject({ isBedtimeEnabled: true, dailyScreenTimeLimitMins: 45 });
    }
    const list = await stack.api('GET', '/auth/kids', { token });
    expect((list.json.data as Array<{ bedtimeStart: string }>).map((kid) => kid.bedtimeStart)).toEqual([
      '19:30',
      '19:30',
    ]);
  });

  it("keeps another parent out of the family's data", async () => {
    const otherEmail = `other-${randomUUID().slice(0, 8)}@example.com`;
    const registered = await stack.api('POST', '/auth/register', {
      body: { fullName: 'Grace Hopper', email: otherEmail, password: PASSWORD },
    });
    issuedRefreshTokens.push(registered.json.data.refreshToken);
    const other = registered.json.data.jwt as string;

    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/user/kids/${kidIds[0]}`],
      ['PUT', `/auth/kids/${kidIds[0]}`, { name: 'Mine now' }],
      ['DELETE', `/auth/kids/${kidIds[0]}`],
      ['GET', `/auth/kids/${kidIds[0]}/recommendation-stats`],
      ['GET', `/settings/kid/${kidIds[0]}/daily-limit`],
      ['GET', `/user/${userId}`],
      ['GET', `/settings/${userId}`],
      ['GET', `/users/${userId}/notification-preferences`],
      ['GET', `/notification-preferences/kids/${kidIds[1]}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await stack.api(method, path, { token: other, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe('RESOURCE_NOT_FOUND');
    }
    const ownKids = await stack.api('GET', '/auth/kids', { token: other });
    expect(ownKids.json.data).toEqual([]);
  });

  it('signs out, and the access token stops working at once', async () => {
    const logout = await stack.api('POST', '/auth/logout', { token });
    expect(logout.status).toBe(201);
    const me = await stack.api('GET', '/user/me', { token });
    expect(me.status).toBe(401);
    expect(me.json.code).toBe('AUTH_SESSION_REVOKED');
  });

  it('never answered with a hash, and with refresh tokens only where they are issued', () => {
    const issuing = new Set(['/auth/register', '/auth/login', '/auth/refresh']);
    for (const exchange of stack.exchanges) {
      expect(exchange.body, `${exchange.method} ${exchange.path}`).not.toMatch(
        /\$argon2|\$2[aby]\$|passwordHash|pinHash|tokenHash|codeHash|lookupHash/,
      );
      if (!issuing.has(exchange.path)) {
        for (const refresh of issuedRefreshTokens) expect(exchange.body).not.toContain(refresh);
      }
    }
    expect(stack.exchanges.length).toBeGreaterThan(20);
  });
});
