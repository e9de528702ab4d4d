import { createHash, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeIdp, startFakeIdp } from './auth-fake-idp';
import { expectNoSecrets, pg, post, RELAXED_LIMITS, uniqueEmail, userRow } from './auth-fixtures';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** AUTH-15 Google, AUTH-16 Apple, AUTH-17/18 Google web flow, against a local IdP (providers.md §9). */

const GOOGLE_MOBILE = 'google-mobile.apps.example';
const GOOGLE_WEB = 'google-web.apps.example';
const APPLE_APP = 'me.storytime.app';
const APPLE_WEB = 'me.storytime.web';
const WEB_APP = 'http://web.storytime.test';

function oauthEnv(idp: FakeIdp): Record<string, string> {
  return {
    ...RELAXED_LIMITS,
    GOOGLE_CLIENT_ID: GOOGLE_MOBILE,
    GOOGLE_WEB_CLIENT_ID: GOOGLE_WEB,
    GOOGLE_CLIENT_SECRET: 'google-secret',
    GOOGLE_JWKS_URL: idp.googleJwksUrl,
    GOOGLE_AUTH_URL: idp.authUrl,
    GOOGLE_OAUTH_TOKEN_URL: idp.tokenUrl,
    APPLE_CLIENT_ID: APPLE_APP,
    APPLE_SERVICE_ID: APPLE_WEB,
    APPLE_JWKS_URL: idp.appleJwksUrl,
    WEB_APP_BASE_URL: WEB_APP,
    BACKEND_BASE_URL: 'http://api.storytime.test',
  };
}

describe('Google and Apple sign-in', () => {
  let idp: FakeIdp;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startFakeIdp();
    t = await createTestApp({ env: oauthEnv(idp) });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const seconds = () => Math.floor(Date.now() / 1000);

  function googleClaims(overrides: JWTPayload = {}): JWTPayload {
    return {
      iss: 'https://accounts.google.com',
      aud: GOOGLE_MOBILE,
      sub: `google-${randomUUID()}`,
      email: uniqueEmail('google'),
      email_verified: true,
      given_name: 'Ada',
      family_name: 'King',
      name: 'Countess Ada',
      picture: `https://lh3.example.com/${randomUUID()}.jpg`,
      ...overrides,
    };
  }

  function appleClaims(overrides: JWTPayload = {}): JWTPayload {
    return {
      iss: 'https://appleid.apple.com',
      aud: APPLE_APP,
      sub: `apple.${randomUUID()}`,
      email: uniqueEmail('apple'),
      email_verified: 'true',
      ...overrides,
    };
  }

  const google = async (claims: JWTPayload, options?: Parameters<FakeIdp['sign']>[1]) =>
    post(t.app, '/auth/google', { id_token: await idp.sign(claims, options) });

  describe('POST /auth/google (AUTH-15)', () => {
    it('creates a verified parent with profile, preferences and the picture as an owned avatar', async () => {
      const claims = googleClaims();
      const res = await google(claims);
      expect(res.statusCode, res.body).toBe(200);
      expectNoSecrets(res.body);
      const { user, jwt, refreshToken } = res.json().data;
      expect(user).toMatchObject({
        email: claims.email,
        name: 'Ada King',
        role: 'parent',
        isEmailVerified: true,
        onboardingStatus: 'email_verified',
        avatarUrl: claims.picture,
        profile: { country: 'NG' },
      });
      expect(refreshToken).toMatch(/^[0-9a-f]{128}$/);
      expect((await t.app.core.jwt.verify(jwt)).sub).toBe(user.id);
      const row = await userRow(t.app, user.id);
      expect(row).toMatchObject({ google_id: claims.sub, has_local_password: false });
      expect(row.password_hash).not.toMatch(/^\$argon2|^\$2/);
      const [avatar] = await pg(t.app, 'select * from avatars where id = $1', [user.avatar.id]);
      expect(avatar).toMatchObject({
        owner_user_id: user.id,
        name: `oauth_${claims.sub}`,
        is_system_avatar: false,
      });
      expect(
        await pg(t.app, 'select id from notification_preferences where user_id = $1', [user.id]),
      ).toHaveLength(12);
      expect(await pg(t.app, 'select id from user_ips where user_id = $1', [user.id])).toHaveLength(1);

      // Signing in again finds the same account by googleId, even with a changed email claim.
      const again = await google({ ...claims, email: uniqueEmail('changed') });
      expect(again.statusCode).toBe(200);
      expect(again.json().data.user.id).toBe(user.id);
      expect(await pg(t.app, 'select id from users where google_id = $1', [claims.sub])).toHaveLength(1);
    });

    it('accepts every configured audience and both issuer spellings', async () => {
      const res = await google(googleClaims({ aud: GOOGLE_WEB, iss: 'accounts.google.com' }));
      expect(res.statusCode).toBe(200);
    });

    it('links an existing password account by email only when the provider verified the email (fix 51)', async () => {
      const unverified = await createUser(t.app, { email: uniqueEmail('link'), verified: false });
      const refused = await google(googleClaims({ email: unverified.email, email_verified: false }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('AUTH_EMAIL_NOT_VERIFIED');
      expect((await userRow(t.app, unverified.id)).google_id).toBeNull();

      const claims = googleClaims({ email: unverified.email.toUpperCase(), email_verified: true });
      const linked = await google(claims);
      expect(linked.statusCode).toBe(200);
      expect(linked.json().data.user).toMatchObject({ id: unverified.id, isEmailVerified: true });
      const row = await userRow(t.app, unverified.id);
      expect(row).toMatchObject({ google_id: claims.sub, has_local_password: true, name: 'Test Parent' });
    });

    it('creates an unverified account but answers 400 AUTH_EMAIL_NOT_VERIFIED when the email is unverified', async () => {
      const claims = googleClaims({ email_verified: false });
      const res = await google(claims);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('AUTH_EMAIL_NOT_VERIFIED');
      const [row] = await pg(
        t.app,
        'select is_email_verified, onboarding_status from users where google_id = $1',
        [claims.sub],
      );
      expect(row).toEqual({ is_email_verified: false, onboarding_status: 'account_created' });
    });

    it('refuses a suspended account with 403', async () => {
      const claims = googleClaims();
      const first = await google(claims);
      await pg(t.app, 'update users set is_suspended = true where id = $1', [first.json().data.user.id]);
      const res = await google(claims);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('AUTH_ACCOUNT_SUSPENDED');
    });

    it('answers 401 AUTH_INVALID_TOKEN for a wrong audience, issuer, expiry, iat, signature or key id', async () => {
      const cases: Array<[string, JWTPayload, Parameters<FakeIdp['sign']>[1]?]> = [
        ['audience', googleClaims({ aud: 'someone-else' })],
        ['issuer', googleClaims({ iss: 'https://evil.example.com' })],
        ['expired', googleClaims({ iat: seconds() - 7200, exp: seconds() - 120 })],
        ['future iat', googleClaims({ iat: seconds() + 600 })],
        ['no exp', googleClaims({ exp: undefined })],
        ['signature', googleClaims(), { key: idp.rogue.privateKey }],
        ['unknown kid', googleClaims(), { kid: idp.rogue.kid, key: idp.rogue.privateKey }],
      ];
      for (const [label, claims, options] of cases) {
        const res = await google(claims, options);
        expect(res.statusCode, label).toBe(401);
        expect(res.json().code, label).toBe('AUTH_INVALID_TOKEN');
      }
      const garbage = await post(t.app, '/auth/google', { id_token: 'not.a.jwt' });
      expect(garbage.json().code).toBe('AUTH_INVALID_TOKEN');
    });

    it('accepts a token within the 60 s clock tolerance', async () => {
      const res = await google(googleClaims({ iat: seconds() - 3600, exp: seconds() - 30 }));
      expect(res.statusCode).toBe(200);
    });

    it('validates the body', async () => {
      for (const payload of [
        {},
        { id_token: '' },
        { id_token: 'x'.repeat(4097) },
        { id_token: 'a', extra: 1 },
      ]) {
        const res = await post(t.app, '/auth/google', payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });
  });

  describe('POST /auth/apple (AUTH-16)', () => {
    const apple = async (claims: JWTPayload, body: Record<string, unknown> = {}) =>
      post(t.app, '/auth/apple', { id_token: await idp.sign(claims), ...body });

    it('creates the account with the name from the body and checks the SHA-256 nonce', async () => {
      const nonce = `nonce-${randomUUID()}`;
      const claims = appleClaims({ nonce: createHash('sha256').update(nonce).digest('hex') });
      const res = await apple(claims, { firstName: 'Grace', lastName: 'Hopper', nonce });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data.user).toMatchObject({
        email: claims.email,
        name: 'Grace Hopper',
        isEmailVerified: true,
        avatar: null,
      });
      expect((await userRow(t.app, res.json().data.user.id)).apple_id).toBe(claims.sub);

      const wrongNonce = await apple(claims, { nonce: 'another-nonce' });
      expect(wrongNonce.statusCode).toBe(401);
      expect(wrongNonce.json().code).toBe('AUTH_INVALID_TOKEN');
      // Later sign-ins carry no name and no nonce; the account is found by appleId.
      const later = await apple({ ...claims, email: undefined, nonce: undefined });
      expect(later.statusCode).toBe(200);
      expect(later.json().data.user.id).toBe(res.json().data.user.id);
    });

    it('accepts the service id as audience and refuses other audiences and issuers', async () => {
      expect((await apple(appleClaims({ aud: APPLE_WEB, email_verified: true }))).statusCode).toBe(200);
      for (const claims of [
        appleClaims({ aud: GOOGLE_MOBILE }),
        appleClaims({ iss: 'https://accounts.google.com' }),
      ]) {
        const res = await apple(claims);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('AUTH_INVALID_TOKEN');
      }
    });

    it('links by email only when Apple verified it', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('apple-link') });
      const refused = await apple(appleClaims({ email: user.email, email_verified: 'false' }));
      expect(refused.json().code).toBe('AUTH_EMAIL_NOT_VERIFIED');
      const linked = await apple(appleClaims({ email: user.email }));
      expect(linked.json().data.user.id).toBe(user.id);
    });

    it('answers 400 when a new identity carries no email', async () => {
      const res = await apple(appleClaims({ email: undefined }));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    });
  });

  describe('Google web flow (AUTH-17/18)', () => {
    async function start() {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/google/oauth?redirect=/ignored' });
      expect(res.statusCode).toBe(302);
      const location = new URL(String(res.headers.location));
      return { res, location, state: location.searchParams.get('state')! };
    }

    const callback = (query: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: `/api/v1/auth/google/oauth/callback?${query}`, headers });

    it('redirects to Google with the state stored in Redis for 10 minutes', async () => {
      const { res, location, state } = await start();
      expect(`${location.origin}${location.pathname}`).toBe(idp.authUrl);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        client_id: GOOGLE_WEB,
        redirect_uri: 'http://api.storytime.test/api/v1/auth/google/oauth/callback',
        response_type: 'code',
        scope: 'openid email profile',
        prompt: 'select_account',
      });
      expect(String(res.headers.location)).toContain('scope=openid%20email%20profile');
      expect(Buffer.from(state, 'base64url')).toHaveLength(32);
      const key = `${t.prefixes.cache}oauth:state:${state}`;
      const ttl = await t.deps.redis.ttl(key);
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
      expect(res.body).toBe('');
    });

    it('exchanges the code, signs in and redirects to the web app with the tokens; the state works once', async () => {
      const claims = googleClaims({ aud: GOOGLE_WEB });
      idp.onToken = async (form) =>
        form.code === 'good-code'
          ? { status: 200, body: { access_token: 'at', expires_in: 3600, id_token: await idp.sign(claims) } }
          : { status: 400, body: { error: 'invalid_grant' } };
      const { state } = await start();
      const res = await callback(`code=good-code&state=${encodeURIComponent(state)}`);
      expect(res.statusCode).toBe(302);
      const target = new URL(String(res.headers.location));
      expect(`${target.origin}${target.pathname}`).toBe(`${WEB_APP}/oauth-success`);
      const jwt = target.searchParams.get('jwt')!;
      const refresh = target.searchParams.get('refresh')!;
      expect(refresh).toMatch(/^[0-9a-f]{128}$/);
      const claimsOut = await t.app.core.jwt.verify(jwt);
      expect((await userRow(t.app, claimsOut.sub)).google_id).toBe(claims.sub);
      expect(idp.tokenRequests.at(-1)).toEqual({
        code: 'good-code',
        client_id: GOOGLE_WEB,
        client_secret: 'google-secret',
        redirect_uri: 'http://api.storytime.test/api/v1/auth/google/oauth/callback',
        grant_type: 'authorization_code',
      });
      expect((await post(t.app, '/auth/refresh', { token: refresh })).statusCode).toBe(201);

      const replay = await callback(`code=good-code&state=${encodeURIComponent(state)}`);
      expect(replay.headers.location).toBe(`${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`);
    });

    it('sends every failure to the error page with its code', async () => {
      idp.onToken = () => ({ status: 400, body: { error: 'invalid_grant' } });
      const missingState = await callback('code=abc');
      expect(missingState.statusCode).toBe(302);
      expect(missingState.headers.location).toBe(`${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`);
      expect((await callback('code=abc&state=forged')).headers.location).toBe(
        `${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`,
      );
      const rejected = await start();
      expect((await callback(`code=bad&state=${rejected.state}`)).headers.location).toBe(
        `${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`,
      );
      const denied = await start();
      expect((await callback(`error=access_denied&state=${denied.state}`)).headers.location).toBe(
        `${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`,
      );

      idp.onToken = () => ({ status: 503, body: { error: 'unavailable' } });
      const before = idp.tokenRequests.length;
      const outage = await start();
      expect((await callback(`code=abc&state=${outage.state}`)).headers.location).toBe(
        `${WEB_APP}/oauth-error?code=PROVIDER_UNAVAILABLE`,
      );
      expect(idp.tokenRequests.length - before).toBe(2);

      const unverified = googleClaims({ aud: GOOGLE_WEB, email_verified: false });
      idp.onToken = async () => ({ status: 200, body: { id_token: await idp.sign(unverified) } });
      const notVerified = await start();
      expect((await callback(`code=abc&state=${notVerified.state}`)).headers.location).toBe(
        `${WEB_APP}/oauth-error?code=AUTH_EMAIL_NOT_VERIFIED`,
      );
      const wrongAudience = googleClaims({ aud: 'someone-else' });
      idp.onToken = async () => ({ status: 200, body: { id_token: await idp.sign(wrongAudience) } });
      const badToken = await start();
      expect((await callback(`code=abc&state=${badToken.state}`)).headers.location).toBe(
        `${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`,
      );
    });
  });
});

describe('sign-in providers not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...RELAXED_LIMITS, WEB_APP_BASE_URL: WEB_APP } });
  });
  afterAll(async () => t.close());

  it('answers 503 PROVIDER_UNAVAILABLE for Google and Apple id_tokens', async () => {
    for (const url of ['/auth/google', '/auth/apple']) {
      const res = await post(t.app, url, { id_token: 'a.b.c' });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('PROVIDER_UNAVAILABLE');
    }
  });

  it('sends the web flow straight to the error page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/google/oauth' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`${WEB_APP}/oauth-error?code=PROVIDER_UNAVAILABLE`);
  });
});

describe('Google web flow without Redis', () => {
  it('keeps the state in a signed cookie and accepts it on the callback', async () => {
    const idp = await startFakeIdp();
    const t = await createTestApp({ env: { ...oauthEnv(idp), REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const claims = {
        iss: 'https://accounts.google.com',
        aud: GOOGLE_WEB,
        sub: `google-${randomUUID()}`,
        email: uniqueEmail('cookie'),
        email_verified: true,
      };
      idp.onToken = async () => ({ status: 200, body: { id_token: await idp.sign(claims) } });
      const started = await t.app.inject({ method: 'GET', url: '/api/v1/auth/google/oauth' });
      expect(started.statusCode).toBe(302);
      const cookie = String(started.headers['set-cookie']);
      expect(cookie).toMatch(
        /^st_oauth_state=[^;]+; Path=\/api\/v1\/auth\/google\/oauth; Max-Age=600; HttpOnly/,
      );
      const state = new URL(String(started.headers.location)).searchParams.get('state')!;
      const pair = cookie.split(';')[0]!;

      const forged = await t.app.inject({
        method: 'GET',
        url: `/api/v1/auth/google/oauth/callback?code=c&state=${state}`,
        headers: { cookie: pair.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')) },
      });
      expect(forged.headers.location).toBe(`${WEB_APP}/oauth-error?code=AUTH_INVALID_TOKEN`);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/auth/google/oauth/callback?code=c&state=${state}`,
        headers: { cookie: pair },
      });
      expect(String(res.headers.location)).toMatch(new RegExp(`^${WEB_APP}/oauth-success\\?jwt=`));
      expect(String(res.headers['set-cookie'])).toContain('Max-Age=0');
    } finally {
      await t.close();
      await idp.close();
    }
  });
});
