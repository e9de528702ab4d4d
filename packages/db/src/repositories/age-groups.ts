import { and, asc, eq, gte, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { ageGroups } from '../schema';

/** Age groups (api.md §18, rules.md §5.1). */

const groupColumns = { id: ageGroups.id, name: ageGroups.name, min: ageGroups.min, max: ageGroups.max };

export interface AgeGroupRecord {
  id: string;
  name: string;
  min: number;
  max: number;
}

/** Live groups by `min` (AGE-01). */
export async function listAgeGroups(tx: DbOrTx): Promise<AgeGroupRecord[]> {
  return tx
    .select(groupColumns)
    .from(ageGroups)
    .where(eq(ageGroups.isDeleted, false))
    .orderBy(asc(ageGroups.min), asc(ageGroups.id));
}

export async function findAgeGroup(
  tx: DbOrTx,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<(AgeGroupRecord & { isDeleted: boolean }) | undefined> {
  const conditions: SQL[] = [eq(ageGroups.id, id)];
  if (!options.includeDeleted) conditions.push(eq(ageGroups.isDeleted, false));
  const [row] = await tx
    .select({ ...groupColumns, isDeleted: ageGroups.isDeleted })
    .from(ageGroups)
    .where(and(...conditions));
  return row;
}

/**
 * Serialises age-group writes for the rest of the transaction, so two concurrent writes cannot both
 * pass the overlap check (overlap is not expressible as a plain unique constraint).
 */
export async function lockAgeGroups(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('age_groups'))`);
}

/** The first live group overlapping `[min, max]` (`a.min ≤ b.max ∧ b.min ≤ a.max`), other than `exceptId`. */
export async function findOverlappingGroup(
  tx: DbOrTx,
  range: { min: number; max: number },
  exceptId?: string,
): Promise<AgeGroupRecord | undefined> {
  const conditions: SQL[] = [
    eq(ageGroups.isDeleted, false),
    lte(ageGroups.min, range.max),
    gte(ageGroups.max, range.min),
  ];
  if (exceptId) conditions.push(ne(ageGroups.id, exceptId));
  const [row] = await tx
    .select(groupColumns)
    .from(ageGroups)
    .where(and(...conditions))
    .orderBy(asc(ageGroups.min))
    .limit(1);
  return row;
}

export async function insertAgeGroup(
  tx: DbOrTx,
  values: { name: string; min: number; max: number },
): Promise<AgeGroupRecord> {
  const [row] = await tx.insert(ageGroups).values(values).returning(groupColumns);
  return row!;
}

export async function updateAgeGroup(
  tx: DbOrTx,
  id: string,
  patch: { name?: string; min?: number; max?: number },
): Promise<AgeGroupRecord | undefined> {
  const [row] = await tx
    .update(ageGroups)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(ageGroups.id, id), eq(ageGroups.isDeleted, false)))
    .returning(groupColumns);
  return row;
}

export async function softDeleteAgeGroup(tx: DbOrTx, id: string): Promise<void> {
  await tx
    .update(ageGroups)
    .set({ isDeleted: true, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(ageGroups.id, id));
}

export async function deleteAgeGroup(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(ageGroups).where(eq(ageGroups.id, id));
}

export async function restoreAgeGroup(tx: DbOrTx, id: string): Promise<AgeGroupRecord | undefined> {
  const [row] = await tx
    .update(ageGroups)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(eq(ageGroups.id, id))
    .returning(groupColumns);
  return row;
}
