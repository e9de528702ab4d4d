import { describe, expect, it } from 'vitest';
import { evaluateQuota, WEEK_MS } from './quota.service';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.UTC(2026, 0, 1) + days * DAY);

describe('evaluateQuota (rules.md §2)', () => {
  it('accrues no bonus before the base is used up', () => {
    const { numbers, bonusUpdate } = evaluateQuota(
      { uniqueStoriesRead: 3, bonusStories: 0, lastBonusGrantedAt: null },
      at(30),
    );
    expect(numbers).toEqual({ used: 3, baseLimit: 10, bonusStories: 0, totalAllowed: 10, remaining: 7 });
    expect(bonusUpdate).toBeUndefined();
  });

  it('follows the worked example: anchor on day 2, two weeks of bonus on day 16', () => {
    const day2 = evaluateQuota({ uniqueStoriesRead: 10, bonusStories: 0, lastBonusGrantedAt: null }, at(2));
    expect(day2.numbers.remaining).toBe(0);
    expect(day2.bonusUpdate).toEqual({ bonusStories: 0, lastBonusGrantedAt: at(2) });
    const day16 = evaluateQuota(
      { uniqueStoriesRead: 10, bonusStories: 0, lastBonusGrantedAt: at(2) },
      at(16),
    );
    expect(day16.numbers).toMatchObject({ bonusStories: 2, totalAllowed: 12, remaining: 2 });
    expect(day16.bonusUpdate?.lastBonusGrantedAt).toEqual(at(16));
  });

  it('carries the remainder of a partial week over', () => {
    const result = evaluateQuota(
      { uniqueStoriesRead: 11, bonusStories: 1, lastBonusGrantedAt: at(0) },
      new Date(at(0).getTime() + WEEK_MS + 3 * DAY),
    );
    expect(result.numbers).toMatchObject({ bonusStories: 2, remaining: 1 });
    expect(result.bonusUpdate?.lastBonusGrantedAt).toEqual(new Date(at(0).getTime() + WEEK_MS));
  });
});
