import type { Db } from '@storytime/db';
import { findParentProfile } from '@storytime/db/repositories/profiles';
import { NotFoundError } from '@storytime/errors';
import type { PremiumService } from './premium.service';
import type { ParentProfile } from './user.schemas';

/** `ParentProfile` of api.md §0.3: the account with its selections and premium status (rules.md §1.2). */
export async function loadParentProfile(
  db: Db,
  premium: PremiumService,
  userId: string,
): Promise<ParentProfile> {
  const [record, subscription] = await Promise.all([findParentProfile(db, userId), premium.snapshot(userId)]);
  if (!record) throw new NotFoundError('User');
  return {
    id: record.id,
    email: record.email,
    title: record.title,
    name: record.name,
    avatar: record.avatar,
    profile: record.profile,
    role: record.role,
    onboardingStatus: record.onboardingStatus,
    isEmailVerified: record.isEmailVerified,
    numberOfKids: record.numberOfKids,
    pinSet: record.pinSet,
    biometricsEnabled: record.biometricsEnabled,
    preferredCategories: record.preferredCategories,
    learningExpectations: record.learningExpectations,
    subscriptionStatus: premium.subscriptionStatus(subscription),
    isPremium: subscription.isPremium,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
