import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { stories } from '../schema';
import { type StoryListRow, storyListSelection } from './story-list';

/**
 * `StoryDetail` (api.md §0.3) in ONE query: the list selection, the text, and the images, branches
 * and questions aggregated per story by correlated json subqueries. The statement count therefore
 * never depends on how many children a story has.
 */

/**
 * The outer story's id, qualified. drizzle strips the table from columns inside the select list of a
 * single-table select, and an unqualified "id" in a correlated subquery binds to the subquery's own
 * table (`i.id`, `l.id`…), silently matching nothing.
 */
const outerStoryId = sql.raw('"stories"."id"');

const images = sql<StoryImageRow[]>`coalesce((
  select json_agg(json_build_object('id', i.id, 'url', i.url, 'caption', i.caption)
    order by i.created_at, i.id)
  from story_images i where i.story_id = ${outerStoryId}
), '[]'::json)`;

const branches = sql<StoryBranchRow[]>`coalesce((
  select json_agg(json_build_object(
    'id', b.id, 'prompt', b.prompt, 'optionA', b.option_a, 'optionB', b.option_b,
    'nextA', b.next_a, 'nextB', b.next_b) order by b.created_at, b.id)
  from story_branches b where b.story_id = ${outerStoryId}
), '[]'::json)`;

const questions = sql<StoryQuestionRow[]>`coalesce((
  select json_agg(json_build_object(
    'id', q.id, 'question', q.question, 'options', q.options, 'correctOption', q.correct_option)
    order by q.position, q.id)
  from story_questions q where q.story_id = ${outerStoryId}
), '[]'::json)`;

export const storyDetailSelection = {
  ...storyListSelection,
  textContent: stories.textContent,
  /** Not part of the response: the quota needs it (a family's own story is never metered). */
  ownerUserId: stories.ownerUserId,
  images,
  branches,
  questions,
};

export interface StoryImageRow {
  id: string;
  url: string;
  caption: string | null;
}

export interface StoryBranchRow {
  id: string;
  prompt: string;
  optionA: string;
  optionB: string;
  nextA: string | null;
  nextB: string | null;
}

export interface StoryQuestionRow {
  id: string;
  question: string;
  options: string[];
  correctOption: number;
}

export type StoryDetailRow = StoryListRow & {
  textContent: string | null;
  ownerUserId: string | null;
  images: StoryImageRow[];
  branches: StoryBranchRow[];
  questions: StoryQuestionRow[];
};

/**
 * The detail of one story, if it passes `filter` (e.g. `visibleStoryTo(userId)` for readers, or
 * "not deleted" for the admin routes).
 */
export async function findStoryDetail(
  tx: DbOrTx,
  storyId: string,
  filter: SQL,
): Promise<StoryDetailRow | undefined> {
  const [row] = await tx
    .select(storyDetailSelection)
    .from(stories)
    .where(and(eq(stories.id, storyId), filter));
  return row as StoryDetailRow | undefined;
}
