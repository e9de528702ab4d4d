/** The data fields that hold one-time codes (platform.md §10: deleted once the email is sent). */
export const ONE_TIME_CODE_FIELDS = ['code', 'otp'] as const;

/** A copy of template data without its one-time codes, for logs, summaries and kept rows. */
export function withoutCodes(data: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...data };
  for (const field of ONE_TIME_CODE_FIELDS) delete copy[field];
  return copy;
}
