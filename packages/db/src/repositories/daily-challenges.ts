import { and, asc, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { dailyChallengeAssignments, dailyChallenges, jobRequests, kids, newId, stories } from '../schema';
import { publicStory, type StoryListRow, storyListSelection } from './story-list';

/** Daily word challenges and their per-kid assignments (api.md §4.8, rules.md §9, D8). */

// ---- rows ---------------------------------------------------------------------------------------

export interface DailyChallengeRow {
  id: string;
  storyId: string;
  /** `YYYY-MM-DD`. */
  challengeDate: string;
  wordOfTheDay: string;
  meaning: string;
  createdAt: Date;
}

export interface ChallengeAssignmentRow {
  id: string;
  kidId: string;
  challengeId: string;
  /** `YYYY-MM-DD`, copied from the challenge. */
  challengeDate: string;
  completed: boolean;
  completedAt: Date | null;
  assignedAt: Date;
}

export type ChallengeWithStory = DailyChallengeRow & { story: StoryListRow };
export type AssignmentWithChallenge = ChallengeAssignmentRow & { challenge: ChallengeWithStory };

const challengeColumns = {
  id: dailyChallenges.id,
  storyId: dailyChallenges.storyId,
  challengeDate: dailyChallenges.challengeDate,
  wordOfTheDay: dailyChallenges.wordOfTheDay,
  meaning: dailyChallenges.meaning,
  createdAt: dailyChallenges.createdAt,
};

const assignmentColumns = {
  id: dailyChallengeAssignments.id,
  kidId: dailyChallengeAssignments.kidId,
  challengeId: dailyChallengeAssignments.challengeId,
  challengeDate: dailyChallengeAssignments.challengeDate,
  completed: dailyChallengeAssignments.completed,
  completedAt: dailyChallengeAssignments.completedAt,
  assignedAt: dailyChallengeAssignments.assignedAt,
};

/**
 * Assignment columns plus its challenge and the challenge's story list item, in one row (drizzle
 * nests one level, so the story is lifted into the challenge by `nestStory`).
 */
const assignmentWithChallenge = {
  ...assignmentColumns,
  challenge: challengeColumns,
  story: storyListSelection,
};

type FlatAssignmentRow = ChallengeAssignmentRow & { challenge: DailyChallengeRow; story: StoryListRow };

function nestStory({ story, challenge, ...assignment }: FlatAssignmentRow): AssignmentWithChallenge {
  return { ...assignment, challenge: { ...challenge, story } };
}

/** The assignment's kid belongs to the parent and is not deleted (api.md §0.1: others answer 404). */
const assignmentOwnedBy = (parentId: string): SQL =>
  sql`exists (select 1 from ${kids} where ${kids.id} = ${dailyChallengeAssignments.kidId} and ${kids.parentId} = ${parentId} and ${kids.isDeleted} = false)`;

// ---- challenges (STORY-26, STORY-27) --------------------------------------------------------------

/** Any non-deleted story (admins may build a challenge on any story they can see in the back office). */
export async function storyExists(tx: DbOrTx, storyId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.isDeleted, false)));
  return row !== undefined;
}

/** STORY-26. A duplicate `(story_id, challenge_date)` raises the unique violation (→ 409). */
export async function insertDailyChallenge(
  tx: DbOrTx,
  values: { storyId: string; challengeDate: string; wordOfTheDay: string; meaning: string },
): Promise<DailyChallengeRow> {
  const [row] = await tx.insert(dailyChallenges).values(values).returning(challengeColumns);
  return row!;
}

export async function findDailyChallenge(tx: DbOrTx, id: string): Promise<DailyChallengeRow | undefined> {
  const [row] = await tx.select(challengeColumns).from(dailyChallenges).where(eq(dailyChallenges.id, id));
  return row;
}

/** STORY-27: the date's challenges with their stories, oldest first, in one query. */
export async function listDailyChallengesOn(tx: DbOrTx, date: string): Promise<ChallengeWithStory[]> {
  return (await tx
    .select({ ...challengeColumns, story: storyListSelection })
    .from(dailyChallenges)
    .innerJoin(stories, eq(stories.id, dailyChallenges.storyId))
    .where(eq(dailyChallenges.challengeDate, date))
    .orderBy(asc(dailyChallenges.createdAt), asc(dailyChallenges.id))) as ChallengeWithStory[];
}

// ---- assignments (STORY-28..31, STORY-33, STORY-34) ------------------------------------------------

/** STORY-28. A second assignment of the kid on the same date raises the unique violation (→ 409). */
export async function insertAssignment(
  tx: DbOrTx,
  values: { kidId: string; challengeId: string; challengeDate: string },
): Promise<ChallengeAssignmentRow> {
  const [row] = await tx.insert(dailyChallengeAssignments).values(values).returning(assignmentColumns);
  return row!;
}

/**
 * STORY-29, first half: marks the caller's assignment completed only if it is not yet, so exactly
 * one request sees `first: true` (the row lock serialises concurrent completions). Returns the row
 * and whether this call completed it; undefined when the assignment is missing or someone else's.
 */
export async function completeOwnedAssignment(
  tx: DbOrTx,
  parentId: string,
  assignmentId: string,
  at: Date,
): Promise<{ row: ChallengeAssignmentRow; first: boolean } | undefined> {
  const [updated] = await tx
    .update(dailyChallengeAssignments)
    .set({ completed: true, completedAt: at })
    .where(
      and(
        eq(dailyChallengeAssignments.id, assignmentId),
        eq(dailyChallengeAssignments.completed, false),
        assignmentOwnedBy(parentId),
      ),
    )
    .returning(assignmentColumns);
  if (updated) return { row: updated, first: true };
  const [existing] = await tx
    .select(assignmentColumns)
    .from(dailyChallengeAssignments)
    .where(and(eq(dailyChallengeAssignments.id, assignmentId), assignmentOwnedBy(parentId)));
  return existing ? { row: existing, first: false } : undefined;
}

/** STORY-30: the kid's assignments by `challengeDate` desc then id desc; fetches `limit + 1` rows. */
export async function listKidAssignments(
  tx: DbOrTx,
  kidId: string,
  page: { limit: number; after?: { date: string; id: string } | undefined },
): Promise<ChallengeAssignmentRow[]> {
  const conditions: SQL[] = [eq(dailyChallengeAssignments.kidId, kidId)];
  if (page.after) {
    conditions.push(
      sql`(${dailyChallengeAssignments.challengeDate}, ${dailyChallengeAssignments.id}) < (${page.after.date}::date, ${page.after.id}::uuid)`,
    );
  }
  return tx
    .select(assignmentColumns)
    .from(dailyChallengeAssignments)
    .where(and(...conditions))
    .orderBy(desc(dailyChallengeAssignments.challengeDate), desc(dailyChallengeAssignments.id))
    .limit(page.limit + 1);
}

const selectAssignmentsWithChallenge = (tx: DbOrTx) =>
  tx
    .select(assignmentWithChallenge)
    .from(dailyChallengeAssignments)
    .innerJoin(dailyChallenges, eq(dailyChallenges.id, dailyChallengeAssignments.challengeId))
    .innerJoin(stories, eq(stories.id, dailyChallenges.storyId));

/** STORY-31: ownership, assignment, challenge and story in one query. */
export async function findOwnedAssignment(
  tx: DbOrTx,
  parentId: string,
  assignmentId: string,
): Promise<AssignmentWithChallenge | undefined> {
  const [row] = await selectAssignmentsWithChallenge(tx).where(
    and(eq(dailyChallengeAssignments.id, assignmentId), assignmentOwnedBy(parentId)),
  );
  return row ? nestStory(row as FlatAssignmentRow) : undefined;
}

/** STORY-33: the kid's assignment for one date (at most one: unique `(kid_id, challenge_date)`). */
export async function findKidAssignmentOn(
  tx: DbOrTx,
  kidId: string,
  date: string,
): Promise<AssignmentWithChallenge | undefined> {
  const [row] = await selectAssignmentsWithChallenge(tx).where(
    and(eq(dailyChallengeAssignments.kidId, kidId), eq(dailyChallengeAssignments.challengeDate, date)),
  );
  return row ? nestStory(row as FlatAssignmentRow) : undefined;
}

/** STORY-34: `challengeDate ∈ [from, to)`, ascending. */
export async function listKidAssignmentsBetween(
  tx: DbOrTx,
  kidId: string,
  from: string,
  to: string,
): Promise<AssignmentWithChallenge[]> {
  const rows = await selectAssignmentsWithChallenge(tx)
    .where(
      and(
        eq(dailyChallengeAssignments.kidId, kidId),
        gte(dailyChallengeAssignments.challengeDate, from),
        lt(dailyChallengeAssignments.challengeDate, to),
      ),
    )
    .orderBy(asc(dailyChallengeAssignments.challengeDate));
  return (rows as FlatAssignmentRow[]).map(nestStory);
}

// ---- assign-all job record (STORY-32) -----------------------------------------------------------

/**
 * The `job_requests` row of an admin assign-all run, written already `queued`: the API enqueues the
 * BullMQ job (data `{ date }`, job id = this row's id) inside the same transaction, so the row is
 * never seen `pending` by the outbox relay (whose generic payload `{ jobRequestId }` the
 * `assign-daily-challenges` contract does not accept). A repeated run for a date joins the active
 * row through the dedupe key.
 */
export async function insertQueuedDailyChallengeJob(
  tx: DbOrTx,
  values: {
    id: string;
    /** `story-maintenance` / `assign-daily-challenges` (the constants live in packages/queue). */
    queue: string;
    jobName: string;
    date: string;
    userId: string;
    dedupeKey: string;
    priority: number;
    requestId: string | null;
  },
): Promise<string> {
  const [row] = await tx
    .insert(jobRequests)
    .values({
      id: values.id,
      kind: 'daily_challenges',
      queue: values.queue,
      jobName: values.jobName,
      params: { date: values.date },
      userId: values.userId,
      priority: values.priority,
      dedupeKey: values.dedupeKey,
      status: 'queued',
      enqueuedAt: sql`now()`,
      requestId: values.requestId,
    })
    .returning({ id: jobRequests.id });
  return row!.id;
}

// ---- the daily assignment (rules.md §9) ---------------------------------------------------------

/** A kid's age (rules.md §5.1): the first integer in `ageRange`, or 0 when there is none. */
export function kidAgeOf(ageRange: string | null): number {
  const match = ageRange ? /\d+/.exec(ageRange) : null;
  return match ? Number(match[0]) : 0;
}

/**
 * The meaning of an automatic challenge (rules.md §9.4): the description up to and including the
 * first `.`, `!` or `?` followed by whitespace or the end; the whole trimmed description if there is
 * none; at most 500 characters.
 */
export function firstSentence(description: string): string {
  const text = description.trim();
  const match = /^[\s\S]*?[.!?](?=\s|$)/.exec(text);
  return (match ? match[0] : text).slice(0, 500);
}

export interface ChallengeCandidate {
  id: string;
  title: string;
  description: string;
  ageMin: number;
  ageMax: number;
}

/** Candidate stories of a run (public, rules.md §9.1), loaded once per run. */
export async function loadChallengeCandidates(tx: DbOrTx): Promise<ChallengeCandidate[]> {
  return tx
    .select({
      id: stories.id,
      title: stories.title,
      description: stories.description,
      ageMin: stories.ageMin,
      ageMax: stories.ageMax,
    })
    .from(stories)
    .where(publicStory)
    .orderBy(asc(stories.id));
}

/**
 * Picks the kid's story (rules.md §9.1–9.3): candidates for the age minus the restricted ones; among
 * them the ones never had as a challenge, or all of them when every one was; uniformly at random.
 */
export function pickChallengeStory<C extends { id: string }>(
  candidates: readonly C[],
  restricted: ReadonlySet<string> | undefined,
  past: ReadonlySet<string> | undefined,
  random: () => number,
): C | undefined {
  const allowed = restricted?.size ? candidates.filter((story) => !restricted.has(story.id)) : candidates;
  const fresh = past?.size ? allowed.filter((story) => !past.has(story.id)) : allowed;
  const pool = fresh.length > 0 ? fresh : allowed;
  if (pool.length === 0) return undefined;
  const index = Math.min(pool.length - 1, Math.floor(random() * pool.length));
  return pool[index];
}

/** Per-kid story sets of one batch, from `(kid_id, story_id)` rows. */
function setsByKid(rows: ReadonlyArray<{ kidId: string; storyId: string }>): Map<string, Set<string>> {
  const byKid = new Map<string, Set<string>>();
  for (const row of rows) {
    let set = byKid.get(row.kidId);
    if (!set) {
      set = new Set();
      byKid.set(row.kidId, set);
    }
    set.add(row.storyId);
  }
  return byKid;
}

/** A Postgres array parameter (one `$n`, not a list). */
const arrayParam = (values: readonly unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}`;

export interface AssignDailyChallengesOptions {
  /** The challenge date D, `YYYY-MM-DD`. */
  date: string;
  /** `DAILY_CHALLENGE_BATCH_SIZE` (500). */
  batchSize: number;
  /** Injectable RNG for the uniform pick (rules.md §9.3). */
  random?: () => number;
}

export interface AssignDailyChallengesResult {
  date: string;
  /** Kids walked (every kid row, in id order). */
  scanned: number;
  /** Of those, kids to assign: not deleted, live parent, no assignment for D yet. */
  eligible: number;
  /** Assignments inserted by this run (a concurrent run may have taken some). */
  assigned: number;
  /** Eligible kids without any candidate story. */
  noCandidate: number;
  challengesCreated: number;
  /** Non-empty batches; each costs exactly `STATEMENTS_PER_BATCH` statements. */
  batches: number;
  /** 1 when the run ended on an empty batch load (kids a multiple of the batch size), else 0. */
  emptyLoads: number;
}

/** load kids; restricted; past stories; insert challenges; select D's challenges; insert assignments. */
export const STATEMENTS_PER_BATCH = 6;
/** The candidate load, once per run. */
export const STATEMENTS_PER_RUN = 1;

/**
 * rules.md §9 for date D: walks every kid in id order, in batches of `batchSize` (keyset on the kid
 * id), and assigns the non-deleted kids of live parents that have no assignment for D yet, with a
 * fixed number of statements per batch and no transaction: every write is `ON CONFLICT DO NOTHING`,
 * so a crash mid-run, a retry or a concurrent run for the same date is harmless, and a re-run is a
 * no-op for kids already assigned.
 * Statements: 1 + 6 per batch (+ 1 when the last load comes back empty).
 */
export async function assignDailyChallenges(
  db: DbOrTx,
  options: AssignDailyChallengesOptions,
): Promise<AssignDailyChallengesResult> {
  const { date, batchSize } = options;
  const random = options.random ?? Math.random;
  const result: AssignDailyChallengesResult = {
    date,
    scanned: 0,
    eligible: 0,
    assigned: 0,
    noCandidate: 0,
    challengesCreated: 0,
    batches: 0,
    emptyLoads: 0,
  };

  const candidates = await loadChallengeCandidates(db);
  const byAge = new Map<number, ChallengeCandidate[]>();
  const candidatesFor = (age: number) => {
    let list = byAge.get(age);
    if (!list) {
      list = candidates.filter((story) => story.ageMin <= age && age <= story.ageMax);
      byAge.set(age, list);
    }
    return list;
  };

  let after: string | null = null;
  for (;;) {
    // 1. The next page of kids in id order, each flagged eligible: not deleted, live parent, no
    // assignment for D yet. The bare primary-key walk keeps every page an index range scan, and the
    // LATERAL ... LIMIT 1 probes stay per-row index lookups (never a scan of all of D's assignments),
    // so a page costs the same at the first kid and the millionth.
    const page: Array<{ id: string; age_range: string | null; eligible: boolean }> = (
      await db.execute<{ id: string; age_range: string | null; eligible: boolean }>(
        sql`select k.id, k.age_range, (k.is_deleted = false and p.live is not null and a.assigned is null) as eligible
            from (select id, parent_id, age_range, is_deleted from kids
                  ${after === null ? sql`` : sql`where id > ${after}::uuid`}
                  order by id limit ${batchSize}) k
            left join lateral (select true as live from users u
                               where u.id = k.parent_id and u.is_deleted = false limit 1) p on true
            left join lateral (select true as assigned from daily_challenge_assignments a
                               where a.kid_id = k.id and a.challenge_date = ${date}::date limit 1) a on true
            order by k.id`,
      )
    ).rows;
    if (page.length === 0) {
      result.emptyLoads = 1;
      break;
    }
    result.batches += 1;
    result.scanned += page.length;
    after = page[page.length - 1]!.id;
    const batch = page.filter((kid) => kid.eligible);
    result.eligible += batch.length;
    const kidIds = batch.map((kid) => kid.id);

    // 2. Their restricted stories; 3. the stories they already had as challenges.
    const restricted = setsByKid(
      (
        await db.execute<{ kid_id: string; story_id: string }>(
          sql`select kid_id, story_id from restricted_stories where kid_id = any(${arrayParam(kidIds, 'uuid[]')})`,
        )
      ).rows.map((row) => ({ kidId: row.kid_id, storyId: row.story_id })),
    );
    const past = setsByKid(
      (
        await db.execute<{ kid_id: string; story_id: string }>(
          sql`select distinct a.kid_id, c.story_id
              from daily_challenge_assignments a join daily_challenges c on c.id = a.challenge_id
              where a.kid_id = any(${arrayParam(kidIds, 'uuid[]')})`,
        )
      ).rows.map((row) => ({ kidId: row.kid_id, storyId: row.story_id })),
    );

    const picks: Array<{ kidId: string; storyId: string }> = [];
    const chosen = new Map<string, ChallengeCandidate>();
    for (const kid of batch) {
      const story = pickChallengeStory(
        candidatesFor(kidAgeOf(kid.age_range)),
        restricted.get(kid.id),
        past.get(kid.id),
        random,
      );
      if (!story) {
        result.noCandidate += 1;
        continue;
      }
      picks.push({ kidId: kid.id, storyId: story.id });
      chosen.set(story.id, story);
    }

    // 4. One challenge per chosen story for D (kept when it exists: an admin's or a concurrent run's).
    const chosenStories = [...chosen.values()];
    const created = await db.execute(
      sql`insert into daily_challenges (id, story_id, challenge_date, word_of_the_day, meaning)
          select id, story_id, ${date}::date, word, meaning
          from unnest(${arrayParam(
            chosenStories.map(() => newId()),
            'uuid[]',
          )}, ${arrayParam(
            chosenStories.map((story) => story.id),
            'uuid[]',
          )}, ${arrayParam(
            chosenStories.map((story) => story.title),
            'text[]',
          )}, ${arrayParam(
            chosenStories.map((story) => firstSentence(story.description)),
            'text[]',
          )}) as t(id, story_id, word, meaning)
          on conflict (story_id, challenge_date) do nothing`,
    );
    result.challengesCreated += created.rowCount ?? 0;

    // 5. D's challenges of those stories (a fresh snapshot: it sees rows a concurrent run committed).
    const challengeOf = new Map(
      (
        await db.execute<{ id: string; story_id: string }>(
          sql`select id, story_id from daily_challenges
              where challenge_date = ${date}::date and story_id = any(${arrayParam(
                chosenStories.map((story) => story.id),
                'uuid[]',
              )})`,
        )
      ).rows.map((row) => [row.story_id, row.id]),
    );

    // 6. The assignments; a kid assigned meanwhile (admin, concurrent run) keeps the one it has.
    const rows = picks.flatMap((pick) => {
      const challengeId = challengeOf.get(pick.storyId);
      return challengeId ? [{ kidId: pick.kidId, challengeId }] : [];
    });
    const inserted = await db.execute(
      sql`insert into daily_challenge_assignments (id, kid_id, challenge_id, challenge_date)
          select id, kid_id, challenge_id, ${date}::date
          from unnest(${arrayParam(
            rows.map(() => newId()),
            'uuid[]',
          )}, ${arrayParam(
            rows.map((row) => row.kidId),
            'uuid[]',
          )}, ${arrayParam(
            rows.map((row) => row.challengeId),
            'uuid[]',
          )}) as t(id, kid_id, challenge_id)
          on conflict (kid_id, challenge_date) do nothing`,
    );
    result.assigned += inserted.rowCount ?? 0;

    if (page.length < batchSize) break;
  }
  return result;
}
