import { PRIORITY } from './names';

/** Email priority by notification category (providers.md §6, the reference mapping, D7). */
const HIGH = new Set([
  'EMAIL_VERIFICATION',
  'PASSWORD_RESET',
  'PASSWORD_RESET_ALERT',
  'PASSWORD_CHANGED',
  'PIN_RESET',
  'NEW_LOGIN',
  'PAYMENT_FAILED',
]);
const LOW = new Set(['NEW_STORY', 'STORY_RECOMMENDATION', 'WE_MISS_YOU', 'WEEKLY_REPORT']);

export function emailPriority(category: string): number {
  if (HIGH.has(category)) return PRIORITY.high;
  if (LOW.has(category)) return PRIORITY.low;
  return PRIORITY.normal;
}
