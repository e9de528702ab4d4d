import { ProviderError } from '@storytime/errors';
import type { ApiEnv } from '../../../config';
import type { FetchLike } from './http';
import { audiences, booleanClaim, type OAuthIdentity, pictureClaim, stringClaim } from './identity';
import { createJwksVerifier } from './jwks-verifier';

export const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

/** The client id of the web authorization-code flow (providers.md §9.2). */
export function googleOAuthClientId(env: ApiEnv): string | undefined {
  return env.GOOGLE_OAUTH_CLIENT_ID ?? env.GOOGLE_WEB_CLIENT_ID ?? env.GOOGLE_CLIENT_ID;
}

/**
 * Google id_tokens (providers.md §9.1): RS256 from the Google JWKS, issuer accounts.google.com, audience
 * one of the configured client ids (mobile, web, and the web flow's client).
 */
export function createGoogleSignIn(env: ApiEnv, options: { now?: () => Date; fetch?: FetchLike } = {}) {
  const accepted = audiences(
    env.GOOGLE_CLIENT_ID,
    env.GOOGLE_WEB_CLIENT_ID,
    env.GOOGLE_ANDROID_CLIENT_ID,
    env.GOOGLE_IOS_CLIENT_ID,
    env.GOOGLE_OAUTH_CLIENT_ID,
  );
  const verifier = createJwksVerifier({ provider: 'google', url: env.GOOGLE_JWKS_URL, ...options });

  async function verify(idToken: string): Promise<OAuthIdentity> {
    if (accepted.length === 0) {
      throw new ProviderError('PROVIDER_UNAVAILABLE', 'google', 'Google sign-in is not configured');
    }
    const claims = await verifier.verify(idToken, { issuer: GOOGLE_ISSUERS, audience: accepted });
    const given = [stringClaim(claims.given_name), stringClaim(claims.family_name)].filter(Boolean).join(' ');
    return {
      provider: 'google',
      subject: claims.sub!,
      email: stringClaim(claims.email)?.toLowerCase() ?? null,
      emailVerified: booleanClaim(claims.email_verified),
      name: given || stringClaim(claims.name),
      picture: pictureClaim(claims.picture),
    };
  }

  return { configured: accepted.length > 0, verify };
}

export type GoogleSignIn = ReturnType<typeof createGoogleSignIn>;
