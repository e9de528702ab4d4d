/**
 * Every stable error code of platform.md §1 with its HTTP status. Clients branch on `code`, so a
 * code, once shipped, never changes meaning. The table is exhaustive: adding a code here is the
 * only way to make it throwable.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_ROLE: 400,
  ONBOARDING_ORDER: 400,
  AUTH_EMAIL_NOT_VERIFIED: 400,
  CODE_INVALID: 400,
  CODE_EXPIRED: 400,
  PIN_NOT_SET: 400,
  PIN_INCORRECT: 400,
  STORY_RESTRICTED: 400,
  INSUFFICIENT_POINTS: 400,
  UNKNOWN_PRODUCT: 400,
  PRODUCT_MISMATCH: 400,
  PAYMENT_VERIFICATION_FAILED: 400,
  COUPON_INVALID: 400,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_INVALID_TOKEN: 401,
  AUTH_TOKEN_EXPIRED: 401,
  AUTH_SESSION_REVOKED: 401,
  AUTH_REFRESH_REUSED: 401,
  GUEST_SESSION_INVALID: 401,
  WEBHOOK_SIGNATURE_INVALID: 401,
  SUBSCRIPTION_REQUIRED: 402,
  FORBIDDEN: 403,
  AUTH_INVALID_ADMIN_SECRET: 403,
  AUTH_ACCOUNT_SUSPENDED: 403,
  STORY_LIMIT_EXCEEDED: 403,
  VOICE_LOCKED: 403,
  RESOURCE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  RESOURCE_ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  INVALID_STATE_TRANSITION: 409,
  RECEIPT_ALREADY_USED: 409,
  NO_LOCAL_PASSWORD: 409,
  LAST_LOGIN_METHOD: 409,
  JOB_NOT_COMPLETED: 409,
  JOB_NOT_CANCELLABLE: 409,
  COUPON_ALREADY_REDEEMED: 409,
  COUPON_EXHAUSTED: 409,
  ACCOUNT_DEACTIVATED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PIN_LOCKED: 423,
  RATE_LIMITED: 429,
  CODE_ATTEMPTS_EXCEEDED: 429,
  QUOTA_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_CONFIGURED: 501,
  PROVIDER_ERROR: 502,
  AI_OUTPUT_INVALID: 502,
  PROVIDER_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** HTTP reason phrases used in the `error` field of the error body. */
export const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}
