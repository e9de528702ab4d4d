import { createHash } from 'node:crypto';
import { AuthError, ProviderError } from '@storytime/errors';
import type { ApiEnv } from '../../../config';
import { constantTimeEqual } from '../../../lib/tokens';
import type { FetchLike } from './http';
import { audiences, booleanClaim, type OAuthIdentity, stringClaim } from './identity';
import { createJwksVerifier } from './jwks-verifier';

export const APPLE_ISSUER = 'https://appleid.apple.com';

export interface AppleSignInInput {
  idToken: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  nonce?: string | undefined;
}

/**
 * Apple id_tokens (providers.md §9.3): RS256 from Apple's JWKS, audience the app's bundle id or the
 * web service id. A nonce sent by the client must come back as the SHA-256 hex of itself (fix 52).
 * Apple sends the name only on the first sign-in, in the request body.
 */
export function createAppleSignIn(env: ApiEnv, options: { now?: () => Date; fetch?: FetchLike } = {}) {
  const accepted = audiences(env.APPLE_CLIENT_ID, env.APPLE_SERVICE_ID);
  const verifier = createJwksVerifier({ provider: 'apple', url: env.APPLE_JWKS_URL, ...options });

  async function verify(input: AppleSignInInput): Promise<OAuthIdentity> {
    if (accepted.length === 0) {
      throw new ProviderError('PROVIDER_UNAVAILABLE', 'apple', 'Apple sign-in is not configured');
    }
    const claims = await verifier.verify(input.idToken, { issuer: [APPLE_ISSUER], audience: accepted });
    if (input.nonce !== undefined) {
      const expected = createHash('sha256').update(input.nonce, 'utf8').digest('hex');
      const actual = typeof claims.nonce === 'string' ? claims.nonce : '';
      if (!constantTimeEqual(expected, actual.toLowerCase())) {
        throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid id_token');
      }
    }
    const name = [input.firstName?.trim(), input.lastName?.trim()].filter(Boolean).join(' ');
    return {
      provider: 'apple',
      subject: claims.sub!,
      email: stringClaim(claims.email)?.toLowerCase() ?? null,
      emailVerified: booleanClaim(claims.email_verified),
      name: name || null,
      picture: null,
    };
  }

  return { configured: accepted.length > 0, verify };
}

export type AppleSignIn = ReturnType<typeof createAppleSignIn>;
