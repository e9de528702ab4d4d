/** What a verified Google or Apple id_token tells us about the person signing in. */
export interface OAuthIdentity {
  provider: 'google' | 'apple';
  /** The provider's stable user id (`sub`). */
  subject: string;
  /** Lower-cased; null when the token carries none. */
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** An http(s) picture URL, when the provider sends one. */
  picture: string | null;
}

export function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

/** Apple sends `email_verified` as a boolean or as the string "true". */
export function booleanClaim(value: unknown): boolean {
  return value === true || value === 'true';
}

export function pictureClaim(value: unknown): string | null {
  const url = stringClaim(value);
  return url && url.length <= 2048 && /^https?:\/\//i.test(url) ? url : null;
}

/** Audiences from configuration: unset and duplicate values dropped. */
export function audiences(...values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}
