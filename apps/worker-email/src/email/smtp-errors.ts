/**
 * providers.md §6: 4xx replies and connection problems are transient (the queue retries); 5xx
 * replies are permanent. Errors without a reply code are transient unless nodemailer says the
 * message itself can never be sent (bad envelope, bad configuration).
 */
const PERMANENT_CODES = new Set([
  'EENVELOPE',
  'ECONFIG',
  'ENOAUTH',
  'EMAXRECIPIENTS',
  'EFILEACCESS',
  'EURLACCESS',
]);

export interface SmtpErrorInfo {
  permanent: boolean;
  responseCode?: number;
  code?: string;
}

export function classifySmtpError(error: unknown): SmtpErrorInfo {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  const info: SmtpErrorInfo = {
    permanent: false,
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
  if (info.responseCode !== undefined) {
    info.permanent = info.responseCode >= 500 && info.responseCode < 600;
    return info;
  }
  info.permanent = info.code !== undefined && PERMANENT_CODES.has(info.code);
  return info;
}
