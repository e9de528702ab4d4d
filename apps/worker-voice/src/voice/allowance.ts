import type { DbOrTx } from '@storytime/db';
import { findElevenLabsCount } from '@storytime/db/repositories/narration';
import { findPremiumFacts, type PremiumFacts } from '@storytime/db/repositories/subscriptions';
import type { SpeechProvider, VoiceParams } from '@storytime/providers/speech-types';

/** ElevenLabs narrations per user and UTC month (rules.md §7.3). */
export const ELEVENLABS_MONTHLY_LIMIT = { free: 2, premium: 20 } as const;

/** `YYYY-MM` in UTC, the month `user_usages.currentMonth` names. */
export const monthOf = (now: Date) => now.toISOString().slice(0, 7);

const time = (value: Date | null) => (value ? value.getTime() : Number.NEGATIVE_INFINITY);

/**
 * `isPremium(user, now)` of rules.md §1.2: admin, coupon premium, or a paid plan not yet ended that
 * is active or cancelled-but-running. Read from the tables (the API's one-minute cache is not here).
 */
export function isPremium(facts: PremiumFacts | undefined, now: Date): boolean {
  if (!facts) return false;
  if (facts.role === 'admin' || time(facts.premiumAccessUntil) > now.getTime()) return true;
  return (
    facts.plan !== null &&
    facts.plan !== 'free' &&
    (facts.status === 'active' || facts.status === 'cancelled') &&
    time(facts.endsAt) > now.getTime()
  );
}

export interface Allowance {
  premium: boolean;
  used: number;
  limit: number;
}

export async function elevenLabsAllowance(db: DbOrTx, userId: string, now: Date): Promise<Allowance> {
  const [facts, used] = await Promise.all([
    findPremiumFacts(db, userId),
    findElevenLabsCount(db, userId, monthOf(now)),
  ]);
  const premium = isPremium(facts, now);
  return { premium, used, limit: premium ? ELEVENLABS_MONTHLY_LIMIT.premium : ELEVENLABS_MONTHLY_LIMIT.free };
}

/**
 * ElevenLabs-eligible (rules.md §7.4 step 1): the voice has an ElevenLabs id, ElevenLabs is
 * configured, its breaker is not open, and the user is under the monthly limit. System narration
 * (no user: seed, admin) has no allowance to spend and is not limited (decision).
 */
export async function isElevenLabsEligible(
  db: DbOrTx,
  speech: SpeechProvider[],
  voice: VoiceParams,
  userId: string | null,
  now: Date,
): Promise<boolean> {
  const elevenLabs = speech.find((provider) => provider.name === 'elevenlabs');
  if (!elevenLabs || !voice.elevenLabsVoiceId?.trim()) return false;
  if (elevenLabs.breakerState?.() === 'open') return false;
  if (userId === null) return true;
  const allowance = await elevenLabsAllowance(db, userId, now);
  return allowance.used < allowance.limit;
}
