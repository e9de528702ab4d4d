import { randomUUID } from 'node:crypto';
import { createDb, createPool } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createLogger } from '@storytime/observability';
import { createQueueProducer, createRedis, JOB, QUEUE, SCHEDULER } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCleanupHandler } from '../src/maintenance/cleanup.processor';
import { CLEANUP_PATTERN, upsertCleanupScheduler } from '../src/maintenance/schedulers';

/**
 * platform.md §10.4 `cleanup`: rows of each kind, old and fresh, then one run; exactly the old ones
 * go. The database is shared with the other test files, so every assertion is on this file's rows.
 */

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-cleanup-${randomUUID().slice(0, 8)}`;
const logger = createLogger({ service: 'worker-story-test', level: 'silent' });
const pool = createPool({ ...testDatabaseConfig(), poolMax: 4 });
const db = createDb(pool);
const producerConnection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(producerConnection, prefix);
const CAP = 3600;

async function sql<Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await pool.query(text, params)).rows as Row[];
}

async function one(text: string, params: unknown[] = []): Promise<string> {
  const [row] = await sql<{ id: string }>(text, params);
  return row!.id;
}

const exists = async (table: string, id: string) =>
  (await sql(`select 1 from ${table} where id = $1`, [id])).length === 1;

afterAll(async () => {
  await producer
    .queue(QUEUE.media)
    .obliterate({ force: true })
    .catch(() => {});
  await producer
    .queue(QUEUE.storyMaintenance)
    .obliterate({ force: true })
    .catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  await pool.end();
});

describe('cleanup', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const user = await one(
      `insert into users (id, email, name, password_hash) values (gen_random_uuid(), $1, 'Cleanup Parent', 'x') returning id`,
      [`cleanup-${randomUUID().slice(0, 12)}@example.com`],
    );
    ids.user = user;
    const session = (expires: string, revoked: string | null) =>
      one(
        `insert into sessions (id, user_id, expires_at, revoked_at) values (gen_random_uuid(), $1, now() + $2::interval,
           case when $3::text is null then null else now() + $3::interval end) returning id`,
        [user, expires, revoked],
      );
    ids.sessionRevokedOld = await session('20 days', '-8 days');
    ids.sessionExpiredOld = await session('-8 days', null);
    ids.sessionRevokedFresh = await session('20 days', '-1 day');
    ids.sessionExpiredFresh = await session('-6 days', null);
    ids.sessionLive = await session('20 days', null);
    ids.refreshOld = await one(
      `insert into session_refresh_tokens (id, session_id, token_hash, generation) values (gen_random_uuid(), $1, $2, 1) returning id`,
      [ids.sessionRevokedOld, randomUUID()],
    );
    ids.refreshLive = await one(
      `insert into session_refresh_tokens (id, session_id, token_hash, generation) values (gen_random_uuid(), $1, $2, 1) returning id`,
      [ids.sessionLive, randomUUID()],
    );

    const token = (type: string, expires: string) =>
      one(
        `insert into tokens (id, user_id, type, code_hash, lookup_hash, expires_at)
         values (gen_random_uuid(), $1, $2, 'h', 'l', now() + $3::interval) returning id`,
        [user, type, expires],
      );
    ids.tokenExpired = await token('verification', '-1 minute');
    ids.tokenLive = await token('password_reset', '10 minutes');

    const job = (kind: string, status: string, age: string) =>
      one(
        `insert into job_requests (id, kind, queue, job_name, status, user_id, created_at, completed_at)
         values (gen_random_uuid(), $1::job_kind, 'q', 'n', $2::job_status, $3, now() - $4::interval,
                 case when $2::text in ('completed', 'failed') then now() - $4::interval end) returning id`,
        [kind, status, user, age],
      );
    ids.emailDoneOld = await job('email', 'completed', '25 hours');
    ids.emailDoneFresh = await job('email', 'completed', '23 hours');
    ids.otherDoneOld = await job('story_generation', 'completed', '8 days');
    ids.otherDoneFresh = await job('story_generation', 'completed', '6 days');
    ids.failedOld = await job('email', 'failed', '31 days');
    ids.failedFresh = await job('story_generation', 'failed', '29 days');
    ids.pendingOld = await job('email', 'pending', '40 days');

    const story = await one(
      `insert into stories (id, title, description, language, age_min, age_max, text_hash)
       values (gen_random_uuid(), $1, 'd', 'English', 0, 18, 'hash-now') returning id`,
      [`cleanup-${randomUUID().slice(0, 8)}`],
    );
    const audio = (hash: string) =>
      one(
        `insert into story_audio_cache (id, story_id, voice_key, text_hash, provider, audio_url)
         values (gen_random_uuid(), $1, 'CHARLIE', $2, 'local', 'http://x/a.mp3') returning id`,
        [story, hash],
      );
    ids.audioStale = await audio('hash-old');
    ids.audioCurrent = await audio('hash-now');

    const kid = (name: string) =>
      one(
        `insert into kids (id, parent_id, name, age_range) values (gen_random_uuid(), $1, $2, '4-6') returning id`,
        [user, name],
      );
    const open = (kidId: string, startedAgo: string) =>
      one(
        `insert into screen_time_sessions (id, kid_id, start_time, date)
         values (gen_random_uuid(), $1, now() - $2::interval, current_date) returning id`,
        [kidId, startedAgo],
      );
    ids.screenOverlong = await open(await kid('Long'), '2 hours');
    ids.screenOpen = await open(await kid('Short'), '10 minutes');

    const asset = (status: string) =>
      one(
        `insert into media_assets (id, owner_user_id, kind, mime_type, bytes, sha256, store, status, local_path, folder, error)
         values (gen_random_uuid(), $1, 'image', 'image/png', 10, 's', 'local', $2, 'a.png', 'storytime/test', 'boom') returning id`,
        [user, status],
      );
    const transferJob = (mediaId: string, status: string) =>
      one(
        `insert into job_requests (id, kind, queue, job_name, status, user_id, params)
         values (gen_random_uuid(), 'media_transfer', 'media', 'media-transfer', $1, $2, $3::jsonb) returning id`,
        [
          status,
          user,
          JSON.stringify({
            mediaId,
            folder: 'storytime/test',
            objectId: mediaId,
            resourceType: 'image',
            localUrl: 'http://localhost:3000/media/a.png',
            references: [{ table: 'avatars', column: 'url', id: 'x' }],
          }),
        ],
      );
    ids.assetFailed = await asset('failed');
    ids.assetFailedJob = await transferJob(ids.assetFailed, 'failed');
    ids.assetFailedActive = await asset('failed');
    await transferJob(ids.assetFailedActive, 'queued');
    ids.assetStored = await asset('stored');
  });

  it('deletes exactly the old rows, closes over-long sessions and retries failed transfers', async () => {
    const handler = createCleanupHandler({ db, producer, logger, screenTimeCapSeconds: CAP });
    const result = await handler();
    expect(result.sessionsDeleted).toBeGreaterThanOrEqual(2);
    expect(result.oneTimeCodesDeleted).toBeGreaterThanOrEqual(1);
    expect(result.jobRequestsDeleted).toBeGreaterThanOrEqual(3);
    expect(result.staleAudioDeleted).toBeGreaterThanOrEqual(1);
    expect(result.screenTimeSessionsClosed).toBeGreaterThanOrEqual(1);
    expect(result.mediaTransfersRequeued).toBeGreaterThanOrEqual(1);

    // Sessions and (by cascade) their refresh tokens.
    expect(await exists('sessions', ids.sessionRevokedOld!)).toBe(false);
    expect(await exists('sessions', ids.sessionExpiredOld!)).toBe(false);
    expect(await exists('session_refresh_tokens', ids.refreshOld!)).toBe(false);
    expect(await exists('sessions', ids.sessionRevokedFresh!)).toBe(true);
    expect(await exists('sessions', ids.sessionExpiredFresh!)).toBe(true);
    expect(await exists('sessions', ids.sessionLive!)).toBe(true);
    expect(await exists('session_refresh_tokens', ids.refreshLive!)).toBe(true);

    expect(await exists('tokens', ids.tokenExpired!)).toBe(false);
    expect(await exists('tokens', ids.tokenLive!)).toBe(true);

    for (const gone of ['emailDoneOld', 'otherDoneOld', 'failedOld']) {
      expect(await exists('job_requests', ids[gone]!), gone).toBe(false);
    }
    for (const kept of ['emailDoneFresh', 'otherDoneFresh', 'failedFresh', 'pendingOld', 'assetFailedJob']) {
      expect(await exists('job_requests', ids[kept]!), kept).toBe(true);
    }

    expect(await exists('story_audio_cache', ids.audioStale!)).toBe(false);
    expect(await exists('story_audio_cache', ids.audioCurrent!)).toBe(true);

    const screen = await sql<{ id: string; duration: number | null; closed_after: number | null }>(
      `select id, duration, extract(epoch from end_time - start_time)::int as closed_after
       from screen_time_sessions where id = any($1::uuid[])`,
      [[ids.screenOverlong, ids.screenOpen]],
    );
    const byId = new Map(screen.map((row) => [row.id, row]));
    expect(byId.get(ids.screenOverlong!)).toMatchObject({ duration: CAP, closed_after: CAP });
    expect(byId.get(ids.screenOpen!)).toMatchObject({ duration: null, closed_after: null });

    // One new transfer for the failed asset, copying its last job's params; none for the asset
    // whose transfer is still active, none for a stored one.
    const transfers = await sql<{
      id: string;
      media_id: string;
      status: string;
      params: { references: unknown[] };
    }>(
      `select id, params->>'mediaId' as media_id, status, params from job_requests
       where kind = 'media_transfer' and params->>'mediaId' = any($1::text[]) order by created_at`,
      [[ids.assetFailed, ids.assetFailedActive, ids.assetStored]],
    );
    const retried = transfers.filter(
      (row) => row.media_id === ids.assetFailed && row.id !== ids.assetFailedJob,
    );
    expect(retried).toHaveLength(1);
    expect(retried[0]!.params.references).toHaveLength(1);
    expect(['pending', 'queued']).toContain(retried[0]!.status);
    expect(transfers.filter((row) => row.media_id === ids.assetFailedActive)).toHaveLength(1);
    expect(transfers.filter((row) => row.media_id === ids.assetStored)).toHaveLength(0);
    const [asset] = await sql<{ status: string }>(`select status from media_assets where id = $1`, [
      ids.assetFailed,
    ]);
    expect(asset!.status).toBe('pending');
    // Enqueued after commit under the row id (outbox fast path).
    expect(await producer.queue(QUEUE.media).getJob(retried[0]!.id)).toBeTruthy();

    // A second run finds nothing left of this file's rows to do.
    await handler();
    const again = await sql(
      `select id from job_requests where kind = 'media_transfer' and params->>'mediaId' = $1`,
      [ids.assetFailed],
    );
    expect(again).toHaveLength(2);
  });

  it('keeps one cleanup scheduler at 03:30 in APP_TIMEZONE', async () => {
    const queue = producer.queue(QUEUE.storyMaintenance);
    await upsertCleanupScheduler(queue, 'Africa/Lagos');
    await upsertCleanupScheduler(queue, 'Africa/Lagos');
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: SCHEDULER.cleanup,
      name: JOB.cleanup,
      pattern: CLEANUP_PATTERN,
      tz: 'Africa/Lagos',
    });
  });
});
