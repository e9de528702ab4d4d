import { AppError, AuthError } from '@storytime/errors';
import type { CoreServices } from '../../../composition';
import type { AuthResult, AuthService } from '../auth.service';
import type { ClientInfo } from '../session.service';
import { type AppleSignInInput, createAppleSignIn } from './apple';
import { createGoogleSignIn } from './google';
import { createGoogleWebFlow } from './google-web-flow';
import type { FetchLike } from './http';
import type { OAuthIdentity } from './identity';
import { resolveOAuthAccount } from './oauth-accounts';

export type OAuthDeps = Pick<CoreServices, 'db' | 'config' | 'redis' | 'logger' | 'now'> & {
  auth: AuthService;
  fetch?: FetchLike;
};

export interface Redirect {
  location: string;
  cookie?: string;
}

/** Google and Apple sign-in (AUTH-15..18): verify the id_token, resolve the account, open a session. */
export function createOAuthService(deps: OAuthDeps) {
  const { env } = deps.config;
  const providerOptions = { now: deps.now, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const google = createGoogleSignIn(env, providerOptions);
  const apple = createAppleSignIn(env, providerOptions);
  const webFlow = createGoogleWebFlow({ env, redis: deps.redis, ...providerOptions });
  const webAppBase = (env.WEB_APP_BASE_URL ?? env.BACKEND_BASE_URL).replace(/\/+$/, '');

  async function signInWith(identity: OAuthIdentity, client: ClientInfo): Promise<AuthResult> {
    const account = await resolveOAuthAccount(deps.db, identity);
    if (account.isSuspended) throw new AuthError('AUTH_ACCOUNT_SUSPENDED', 'This account is suspended');
    if (!account.isEmailVerified) {
      throw new AuthError('AUTH_EMAIL_NOT_VERIFIED', 'Please verify your email address before signing in');
    }
    return deps.auth.signIn(account.id, client);
  }

  /** AUTH-15. */
  async function signInWithGoogle(idToken: string, client: ClientInfo): Promise<AuthResult> {
    return signInWith(await google.verify(idToken), client);
  }

  /** AUTH-16. */
  async function signInWithApple(input: AppleSignInInput, client: ClientInfo): Promise<AuthResult> {
    return signInWith(await apple.verify(input), client);
  }

  function errorRedirect(code: string): Redirect {
    return { location: `${webAppBase}/oauth-error?code=${encodeURIComponent(code)}` };
  }

  /** AUTH-17: to Google, or to the web app's error page when the flow is not configured. */
  async function startWebFlow(): Promise<Redirect> {
    try {
      return await webFlow.start();
    } catch (error) {
      return errorRedirect(error instanceof AppError ? error.code : 'INTERNAL_ERROR');
    }
  }

  /**
   * AUTH-18: consume the state, exchange the code, verify the id_token as AUTH-15 and send the browser
   * to the web app with the tokens. Every failure becomes a redirect with the error code.
   */
  async function finishWebFlow(
    query: { code?: string | undefined; state?: string | undefined; error?: string | undefined },
    cookieHeader: string | undefined,
    client: ClientInfo,
  ): Promise<Redirect> {
    const clearCookie = webFlow.clearCookie();
    try {
      await webFlow.consumeState(query.state, cookieHeader);
      if (query.error) throw new AuthError('AUTH_INVALID_TOKEN', 'Google sign-in was cancelled');
      const idToken = await webFlow.exchangeCode(query.code);
      const result = await signInWith(await google.verify(idToken), client);
      const params = `jwt=${encodeURIComponent(result.jwt)}&refresh=${encodeURIComponent(result.refreshToken)}`;
      return { location: `${webAppBase}/oauth-success?${params}`, cookie: clearCookie };
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) {
        deps.logger.warn({ err: error }, 'Google web sign-in failed');
      }
      return {
        ...errorRedirect(error instanceof AppError ? error.code : 'INTERNAL_ERROR'),
        cookie: clearCookie,
      };
    }
  }

  return { signInWithGoogle, signInWithApple, startWebFlow, finishWebFlow };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
