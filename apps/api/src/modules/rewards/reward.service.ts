import { cacheKeys } from '@storytime/cache';
import { creditPoints, findPoints } from '@storytime/db/repositories/points';
import {
  findOwnedRedemption,
  findOwnedReward,
  insertRedemption,
  insertReward,
  listKidRedemptions,
  listRewardsOfKid,
  listRewardsOfUser,
  type RedemptionStatus,
  rejectPendingRedemptions,
  setRedemptionStatus,
  softDeleteOwnedReward,
  updateOwnedReward,
} from '@storytime/db/repositories/rewards';
import {
  AppError,
  ConflictError,
  fromDatabaseError,
  NotFoundError,
  ValidationError,
} from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { timeKeyset } from '../stories/favorites.cursor';
import type { CreateRewardBody, RedemptionDecision, UpdateRewardBody } from './reward.schemas';

const keyset = timeKeyset('redemptions:redeemed_at:desc');

/** rules.md §11: the only moves a redemption can make. */
const TRANSITIONS: Record<RedemptionStatus, readonly RedemptionDecision[]> = {
  pending: ['approved', 'rejected'],
  approved: ['completed'],
  rejected: [],
  completed: [],
};

export function canTransition(from: RedemptionStatus, to: RedemptionDecision): boolean {
  return TRANSITIONS[from].includes(to);
}

const insufficientPoints = (available: number, required: number) =>
  new AppError('INSUFFICIENT_POINTS', 'The kid does not have enough points for this reward', {
    details: { available, required },
  });

/**
 * Rewards and redemptions, REWARD-01..10 (api.md §8, rules.md §11). Everything is parent-owned:
 * a reward, redemption or kid of another parent answers 404 (fix 25). Requests and decisions lock
 * the kid row, so balance checks and ledger writes of one kid are serialised.
 */
export function createRewardService(core: Pick<CoreServices, 'db' | 'cache'>) {
  const { db, cache } = core;

  const dropKidCaches = (kidId: string, parentId: string) =>
    cache.del([cacheKeys.kidProfile(kidId), cacheKeys.userKids(parentId)]);

  async function requireReward(caller: Principal, rewardId: string) {
    const reward = await findOwnedReward(db, caller.userId, rewardId);
    if (!reward) throw new NotFoundError('Reward');
    return reward;
  }

  return {
    /** REWARD-01. */
    async create(caller: Principal, body: CreateRewardBody) {
      const kid = await requireOwnedKid(db, caller, body.kidId);
      return insertReward(db, {
        userId: caller.userId,
        kidId: kid.id,
        name: body.name,
        description: body.description ?? null,
        points: body.points,
        imageUrl: body.imageUrl ?? null,
      }).catch((error: unknown) => {
        throw fromDatabaseError(error, 'Reward');
      });
    },

    /** REWARD-02. */
    list(caller: Principal) {
      return listRewardsOfUser(db, caller.userId);
    },

    /** REWARD-03. */
    async listForKid(caller: Principal, kidId: string) {
      await requireOwnedKid(db, caller, kidId);
      return listRewardsOfKid(db, caller.userId, kidId);
    },

    /** REWARD-04. */
    get: requireReward,

    /** REWARD-05: existing redemptions keep the cost they were requested at. */
    async update(caller: Principal, rewardId: string, body: UpdateRewardBody) {
      const reward = await updateOwnedReward(db, caller.userId, rewardId, body);
      if (!reward) throw new NotFoundError('Reward');
      return reward;
    },

    /** REWARD-06: soft delete; its pending redemptions are rejected with reason `reward_deleted`. */
    async remove(caller: Principal, rewardId: string) {
      return db.transaction(async (tx) => {
        const deleted = await softDeleteOwnedReward(tx, caller.userId, rewardId);
        if (!deleted) throw new NotFoundError('Reward');
        await rejectPendingRedemptions(tx, deleted.id, {
          decidedBy: caller.userId,
          reason: 'reward_deleted',
        });
        return { id: deleted.id };
      });
    },

    /** REWARD-07: available = balance − pending costs must cover the reward's points. */
    async redeem(caller: Principal, body: { rewardId: string; kidId: string }) {
      const kid = await requireOwnedKid(db, caller, body.kidId);
      return db
        .transaction(async (tx) => {
          const points = await findPoints(tx, kid.id, { lock: true });
          if (!points) throw new NotFoundError('Kid');
          const reward = await findOwnedReward(tx, caller.userId, body.rewardId, { lock: true });
          if (!reward) throw new NotFoundError('Reward');
          if (reward.kidId !== kid.id) {
            throw new ValidationError('The reward belongs to another kid', [
              { path: 'body.kidId', message: "must be the reward's kid" },
            ]);
          }
          if (points.available < reward.points) throw insufficientPoints(points.available, reward.points);
          return insertRedemption(tx, { rewardId: reward.id, kidId: kid.id, pointsCost: reward.points });
        })
        .catch((error: unknown) => {
          throw fromDatabaseError(error, 'Redemption');
        });
    },

    /**
     * REWARD-08: pending → approved (re-checks the balance, debits the cost through the ledger),
     * pending → rejected, approved → completed; anything else is 409 INVALID_STATE_TRANSITION.
     */
    async decide(caller: Principal, body: { redemptionId: string; status: RedemptionDecision }) {
      const redemption = await db
        .transaction(async (tx) => {
          const current = await findOwnedRedemption(tx, caller.userId, body.redemptionId, { lock: true });
          if (!current) throw new NotFoundError('Redemption');
          if (!canTransition(current.status, body.status)) {
            throw new ConflictError(
              'INVALID_STATE_TRANSITION',
              `A ${current.status} redemption cannot become ${body.status}`,
              { details: { from: current.status, to: body.status } },
            );
          }
          if (body.status === 'approved') {
            const points = await findPoints(tx, current.kidId, { lock: true });
            const balance = points?.balance ?? 0;
            if (balance < current.pointsCost) throw insufficientPoints(balance, current.pointsCost);
            await creditPoints(tx, current.kidId, [
              { delta: -current.pointsCost, reason: 'redemption', refId: current.id },
            ]);
          }
          return setRedemptionStatus(tx, current.id, { status: body.status, decidedBy: caller.userId });
        })
        .catch((error: unknown) => {
          throw fromDatabaseError(error, 'Redemption');
        });
      if (body.status === 'approved') await dropKidCaches(redemption.kidId, caller.userId);
      return redemption;
    },

    /** REWARD-09: newest request first. */
    async listRedemptions(
      caller: Principal,
      kidId: string,
      query: { cursor?: string | undefined; limit: number },
    ) {
      await requireOwnedKid(db, caller, kidId);
      const rows = await listKidRedemptions(db, kidId, {
        limit: query.limit,
        after: keyset.after(query.cursor),
      });
      return keyset.page(rows, query.limit);
    },

    /** REWARD-10. */
    async getRedemption(caller: Principal, redemptionId: string) {
      const redemption = await findOwnedRedemption(db, caller.userId, redemptionId);
      if (!redemption) throw new NotFoundError('Redemption');
      return redemption;
    },
  };
}
