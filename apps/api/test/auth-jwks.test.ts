import { AppError } from '@storytime/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJwksVerifier } from '../src/modules/auth/oauth/jwks-verifier';
import { type FakeIdp, startFakeIdp } from './auth-fake-idp';

/** The id_token verifier of providers.md §9: key caching, rotation and outages, against a local JWKS. */

const expect_ = { issuer: ['https://issuer.test'], audience: ['client-1'] };
const HOUR = 3_600_000;

describe('JWKS verifier', () => {
  let idp: FakeIdp;
  let clock: number;
  const now = () => new Date(clock);

  beforeAll(async () => {
    idp = await startFakeIdp();
  });
  afterAll(async () => idp.close());
  beforeEach(() => {
    clock = Date.now();
    idp.jwksHeaders = {};
    idp.jwksDown = false;
    idp.servedKeys.splice(1);
  });

  const token = (options?: Parameters<FakeIdp['sign']>[1]) =>
    idp.sign(
      {
        iss: 'https://issuer.test',
        aud: 'client-1',
        sub: 'subject-1',
        exp: Math.floor(Date.now() / 1000) + 3 * 86_400,
      },
      options,
    );

  const verifier = (extra: Partial<Parameters<typeof createJwksVerifier>[0]> = {}) =>
    createJwksVerifier({ provider: 'google', url: idp.googleJwksUrl, now, ...extra });

  async function failure(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('caches keys for the Cache-Control max-age, then fetches them again', async () => {
    idp.jwksHeaders = { 'cache-control': 'public, max-age=120, must-revalidate' };
    const v = verifier();
    const start = idp.jwksRequests.google;
    expect((await v.verify(await token(), expect_)).sub).toBe('subject-1');
    await v.verify(await token(), expect_);
    expect(idp.jwksRequests.google - start).toBe(1);
    clock += 121_000;
    await v.verify(await token(), expect_);
    expect(idp.jwksRequests.google - start).toBe(2);
  });

  it('keeps keys for an hour without Cache-Control', async () => {
    const v = verifier();
    const start = idp.jwksRequests.google;
    await v.verify(await token(), expect_);
    clock += HOUR - 1000;
    await v.verify(await token(), expect_);
    expect(idp.jwksRequests.google - start).toBe(1);
    clock += 2000;
    await v.verify(await token(), expect_);
    expect(idp.jwksRequests.google - start).toBe(2);
  });

  it('fetches once more for an unknown kid (key rotation), but not within the cooldown', async () => {
    const rotated = () => token({ kid: idp.rogue.kid, key: idp.rogue.privateKey });
    const v = verifier();
    await v.verify(await token(), expect_);
    idp.servedKeys.push(idp.rogue.publicJwk);
    const start = idp.jwksRequests.google;
    // Right after a download an unknown kid is refused without hammering the provider.
    expect((await failure(v.verify(await rotated(), expect_))).code).toBe('AUTH_INVALID_TOKEN');
    expect(idp.jwksRequests.google).toBe(start);
    clock += 31_000;
    expect((await v.verify(await rotated(), expect_)).sub).toBe('subject-1');
    expect(idp.jwksRequests.google - start).toBe(1);
  });

  it('serves cached keys for up to 24 h while the provider is down, then answers PROVIDER_UNAVAILABLE', async () => {
    const v = verifier();
    await v.verify(await token(), expect_);
    idp.jwksDown = true;
    clock += 2 * HOUR;
    expect((await v.verify(await token(), expect_)).sub).toBe('subject-1');
    clock += 23 * HOUR;
    const error = await failure(v.verify(await token(), expect_));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.statusCode).toBe(503);
  });

  it('retries a failing JWKS download once and answers PROVIDER_UNAVAILABLE without any key', async () => {
    idp.jwksDown = true;
    const start = idp.jwksRequests.google;
    const error = await failure(verifier().verify(await token(), expect_));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(idp.jwksRequests.google - start).toBe(2);
  });

  it('refuses tokens signed with another algorithm or for another audience', async () => {
    const v = verifier();
    const other = await idp.sign({ iss: 'https://issuer.test', aud: 'client-2', sub: 's' });
    expect((await failure(v.verify(other, expect_))).code).toBe('AUTH_INVALID_TOKEN');
    const unsigned = `${Buffer.from('{"alg":"none","kid":"main-key"}').toString('base64url')}.${Buffer.from(
      '{"sub":"s"}',
    ).toString('base64url')}.`;
    expect((await failure(v.verify(unsigned, expect_))).code).toBe('AUTH_INVALID_TOKEN');
  });
});
