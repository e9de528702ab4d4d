import { AuthError } from '@storytime/errors';
import { errors, jwtVerify, SignJWT } from 'jose';

export type Role = 'admin' | 'parent' | 'kid';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
  exp: number;
}

export interface JwtSettings {
  secret: string;
  issuer: string;
  ttlSeconds: number;
}

export interface AccessTokenSubject {
  userId: string;
  sessionId: string;
  role: Role;
  email: string;
}

/**
 * HS256 access tokens (platform.md §3). Besides the standard claims they carry the reference's
 * claim names (`id`, `userId`, `email`, `userRole`, `authSessionId`, `expiry`) for existing clients.
 */
export function createJwtCodec(settings: JwtSettings, now: () => Date = () => new Date()) {
  const key = new TextEncoder().encode(settings.secret);

  async function sign(subject: AccessTokenSubject): Promise<string> {
    const issuedAt = Math.floor(now().getTime() / 1000);
    const expiresAt = issuedAt + settings.ttlSeconds;
    return new SignJWT({
      sid: subject.sessionId,
      role: subject.role,
      id: subject.userId,
      userId: subject.userId,
      email: subject.email,
      userRole: subject.role,
      authSessionId: subject.sessionId,
      expiry: expiresAt,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.userId)
      .setIssuer(settings.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(key);
  }

  async function verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: settings.issuer,
        algorithms: ['HS256'],
        currentDate: now(),
      });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        typeof payload.exp !== 'number'
      ) {
        throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid access token');
      }
      return { sub: payload.sub, sid: payload.sid, role: payload.role as Role, exp: payload.exp };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new AuthError('AUTH_TOKEN_EXPIRED', 'Access token expired; refresh it');
      }
      if (error instanceof AuthError) throw error;
      throw new AuthError('AUTH_INVALID_TOKEN', 'Invalid access token');
    }
  }

  return { sign, verify };
}

export type JwtCodec = ReturnType<typeof createJwtCodec>;
