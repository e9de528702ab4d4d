import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Opaque refresh token: 64 random bytes as hex; only its SHA-256 is stored (platform.md §3). */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(64).toString('hex');
  return { token, hash: sha256Hex(token) };
}

/** Six digits from a CSPRNG, zero-padded (fix 47: the reference used Math.random). */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Codes are hashed with the user id, so equal codes of two users never collide (fix 46). */
export function oneTimeCodeHash(userId: string, code: string): string {
  return sha256Hex(`${userId}:${code}`);
}

/** For the email-less verify-email path only (AUTH-08). */
export function oneTimeCodeLookupHash(type: string, code: string): string {
  return sha256Hex(`${type}:${code}`);
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A value no password can match, for accounts created through Google or Apple. */
export function unusablePasswordHash(): string {
  return `!unusable!${randomBytes(32).toString('hex')}`;
}
