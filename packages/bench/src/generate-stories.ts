import type pg from 'pg';
import {
  BACKGROUND_COLORS,
  LANGUAGES,
  QUESTIONS,
  SENTENCES,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  TITLE_PLACES,
} from './corpus';
import { uuid7Sql as uuid7 } from './database';
import type { Scale } from './scale';

const SENTENCE_WORDS = SENTENCES.map((sentence) => sentence.split(/\s+/).length);

/**
 * The public stories with their text, questions and catalogue links. Runs inside the generator's
 * transaction and leaves `bench_story (n, id, created_at)` for the family step to point at.
 */
export async function generateStories(client: pg.Client, scale: Scale): Promise<void> {
  // 2 years of history: story n is created (S - n) / S of two years ago, plus up to an hour of
  // jitter so created_at carries microseconds like real rows (the feed cursor keeps them).
  await client.query(
    `create temp table bench_story on commit drop as
     select t.g as n, ${uuid7('t.created_at')} as id, t.created_at
     from (
       select g, now() - make_interval(secs => ($1::int - g) * 63072000.0 / $1::int + random() * 3600) as created_at
       from generate_series(1, $1::int) g
     ) t`,
    [scale.stories],
  );
  await client.query('alter table bench_story add primary key (n)');

  // 26–30 sentences of ~80 characters (≈ 2 KB), a paragraph break every six; `i * 13` walks the 40
  // sentences without repeating one inside a story, and the `n` terms shift the start per story.
  // word_count is countWords() of @storytime/domain, summed from per-sentence counts (splitting
  // 40 MB of text with a regular expression in SQL alone took ten seconds); duration_seconds uses
  // float8 like that package's JS arithmetic (385 words → 154.00000000000003 → 155 s, where exact
  // numeric would give 154).
  await client.query(
    `insert into stories (id, title, description, language, cover_image_url, text_content, text_hash,
       is_interactive, age_min, age_max, background_color, recommended, difficulty_level, word_count,
       duration_seconds, created_at, updated_at)
     select b.id,
       'The ' || ($2::text[])[1 + b.n % a.adjectives] || ' '
         || ($3::text[])[1 + (b.n / a.adjectives) % a.nouns] || ' of '
         || ($4::text[])[1 + (b.n / (a.adjectives * a.nouns)) % a.places]
         || case when b.n > a.adjectives * a.nouns * a.places
              then ' (Part ' || (1 + (b.n - 1) / (a.adjectives * a.nouns * a.places)) || ')' else '' end,
       ($1::text[])[1 + (b.n * 3) % a.sentences],
       ($5::text[])[1 + b.n % cardinality($5::text[])],
       'https://media.storytime.invalid/bench/covers/' || (b.n % 100) || '.webp',
       body.text,
       encode(sha256(convert_to(body.text, 'UTF8')), 'hex'),
       b.n % 10 = 0,
       (b.n * 5) % 9,
       least(18, (b.n * 5) % 9 + 2 + b.n % 4),
       ($6::text[])[1 + b.n % cardinality($6::text[])],
       b.n % 25 = 0,
       1 + (b.n * 3 + b.n / 7) % 10,
       body.words,
       ceil(body.words::float8 / 150 * 60)::int,
       b.created_at,
       b.created_at
     from bench_story b
     cross join (
       select cardinality($1::text[]) as sentences, cardinality($2::text[]) as adjectives,
         cardinality($3::text[]) as nouns, cardinality($4::text[]) as places
     ) a
     cross join lateral (
       select string_agg(($1::text[])[x.k], case when x.i % 6 = 1 then E'\\n\\n' else ' ' end order by x.i) as text,
         sum(($7::int[])[x.k])::int as words
       from (
         select i, 1 + (b.n * 7 + i * 13 + b.n / 11) % a.sentences as k from generate_series(1, 26 + b.n % 5) i
       ) x
     ) body`,
    [SENTENCES, TITLE_ADJECTIVES, TITLE_NOUNS, TITLE_PLACES, LANGUAGES, BACKGROUND_COLORS, SENTENCE_WORDS],
  );

  await client.query(
    `insert into story_questions (id, story_id, question, options, correct_option, position)
     select ${uuid7('b.created_at')}, b.id, ($1::text[])[1 + (b.n + q) % cardinality($1::text[])],
       array['The ' || ($2::text[])[1 + (b.n + q) % cardinality($2::text[])],
             'The ' || ($2::text[])[1 + (b.n + q + 1) % cardinality($2::text[])],
             'The ' || ($2::text[])[1 + (b.n + q + 2) % cardinality($2::text[])]],
       (b.n + q) % 3, q - 1
     from bench_story b cross join generate_series(1, 3) q`,
    [QUESTIONS, TITLE_NOUNS],
  );

  // 1–2 categories, 1–3 themes, a season for one story in four (the seed catalogue's rows).
  const links: Array<[table: string, column: string, catalogue: string, count: string, where: string]> = [
    ['story_categories', 'category_id', 'categories', '2', 'j = 1 or b.n % 2 = 0'],
    ['story_themes', 'theme_id', 'themes', '3', 'j = 1 or b.n % 3 <> 0'],
    ['story_seasons', 'season_id', 'seasons', '1', 'b.n % 4 = 0'],
  ];
  for (const [table, column, catalogue, count, where] of links) {
    await client.query(
      `with c as (select array_agg(id order by name) as ids from ${catalogue} where is_deleted = false)
       insert into ${table} (story_id, ${column})
       select b.id, c.ids[1 + (b.n * 7 + j * 5) % cardinality(c.ids)]
       from bench_story b cross join c cross join generate_series(1, ${count}) j
       where cardinality(c.ids) > 0 and (${where})
       on conflict do nothing`,
    );
  }
}
