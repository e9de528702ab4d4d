import { AppError, AuthError, ForbiddenError } from '@storytime/errors';
import type { JwtCodec } from '../../lib/jwt';
import type { Principal } from '../../plugins/principal';
import type { SessionService } from './session.service';

export const RESTORE_ENDPOINT = '/api/v1/user/me/undo-delete';

/**
 * Turns a bearer token into the caller (platform.md §3): signature, issuer and expiry of the JWT,
 * then the cached session summary for revocation, expiry, role and account state. The role comes
 * from the summary, not the token, so a demotion applies within a second.
 */
export function createAuthenticator(jwt: JwtCodec, sessions: SessionService) {
  return async function authenticate(token: string): Promise<Principal> {
    const claims = await jwt.verify(token);
    const summary = await sessions.summary(claims.sid);
    if (!summary || summary.userId !== claims.sub)
      throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid access token');
    if (summary.revoked || new Date(summary.expiresAt).getTime() <= sessions.now().getTime()) {
      throw new AuthError('AUTH_SESSION_REVOKED', 'Session expired or revoked; please sign in again');
    }
    if (summary.userSuspended) throw new AuthError('AUTH_ACCOUNT_SUSPENDED', 'This account is suspended');
    sessions.touch(claims.sid);
    return {
      userId: summary.userId,
      sessionId: claims.sid,
      role: summary.role,
      email: summary.email,
      deactivated: summary.userDeleted,
    };
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;

export function deactivatedError(): AppError {
  return new AppError('ACCOUNT_DEACTIVATED', 'This account is deactivated; restore it to continue', {
    details: { isDeleted: true, restoreEndpoint: RESTORE_ENDPOINT },
  });
}

export function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenError('Administrator access required');
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token.trim() : undefined;
}
