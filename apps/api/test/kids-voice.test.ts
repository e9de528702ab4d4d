import { subscriptions, voices } from '@storytime/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoicePreference, UNKNOWN_VOICE_NAME } from '../src/modules/kids/voice-preference';
import { createPremiumService } from '../src/modules/users/premium.service';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { call, ELEVEN_LABS_IDS, query, RELAXED_LIMITS, systemVoices } from './users-fixtures';

/** KID-04 `preferredVoiceId`: voice resolution and the free-tier voice lock (rules.md §7.1–7.2, fix 34). */
describe('kid preferred voice', () => {
  let t: TestApp;
  let system: Awaited<ReturnType<typeof systemVoices>>;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    system = await systemVoices(t);
  });
  afterAll(async () => t.close());

  const setVoice = (user: TestUser, kidId: string, preferredVoiceId: string) =>
    call(t, 'PUT', `/auth/kids/${kidId}`, { as: user, body: { preferredVoiceId } });

  const secondVoice = async (userId: string) =>
    (
      await query<{ selected_second_voice_id: string | null }>(
        t,
        'select selected_second_voice_id from user_usages where user_id = $1',
        [userId],
      )
    )[0]?.selected_second_voice_id ?? null;

  async function premiumUser(): Promise<TestUser> {
    const user = await createUser(t.app);
    await t.app.core.db.insert(subscriptions).values({
      userId: user.id,
      plan: 'monthly',
      source: 'store',
      endsAt: new Date(Date.now() + 86_400_000),
    });
    return user;
  }

  async function ownVoice(userId: string, options: { deleted?: boolean } = {}) {
    const [row] = await t.app.core.db
      .insert(voices)
      .values({ userId, name: 'Grandma', type: 'uploaded', isDeleted: options.deleted ?? false })
      .returning({ id: voices.id });
    return row!.id;
  }

  it('accepts CHARLIE for a free user by key or UUID, reporting the ElevenLabs id', async () => {
    const user = await createUser(t.app);
    const kidId = await createKid(t.app, user.id);
    const byKey = await setVoice(user, kidId, 'charlie');
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json().data).toMatchObject({
      preferredVoiceId: ELEVEN_LABS_IDS.CHARLIE,
      preferredVoice: { id: system.CHARLIE, name: 'Charlie', type: 'system' },
    });
    expect((await setVoice(user, kidId, system.CHARLIE)).statusCode).toBe(200);
    expect(await secondVoice(user.id)).toBeNull();
  });

  it('makes a free user’s first other voice the second voice, then locks the rest', async () => {
    const user = await createUser(t.app);
    const kidId = await createKid(t.app, user.id);
    const first = await setVoice(user, kidId, system.JESSICA);
    expect(first.statusCode).toBe(200);
    expect(first.json().data.preferredVoice.id).toBe(system.JESSICA);
    expect(await secondVoice(user.id)).toBe(system.JESSICA);

    const locked = await setVoice(user, kidId, system.WILL);
    expect(locked.statusCode).toBe(403);
    expect(locked.json()).toMatchObject({
      code: 'VOICE_LOCKED',
      details: { allowedVoices: ['CHARLIE', system.JESSICA] },
    });
    // The kid keeps the voice it had.
    const detail = await call(t, 'GET', `/user/kids/${kidId}`, { as: user });
    expect(detail.json().data.preferredVoice.id).toBe(system.JESSICA);

    expect((await setVoice(user, kidId, 'JESSICA')).statusCode).toBe(200);
    expect((await setVoice(user, kidId, 'CHARLIE')).statusCode).toBe(200);
  });

  it('lets a premium user pick any system voice without using the second-voice slot', async () => {
    const user = await premiumUser();
    const kidId = await createKid(t.app, user.id);
    expect((await setVoice(user, kidId, system.WILL)).statusCode).toBe(200);
    expect((await setVoice(user, kidId, system.JESSICA)).statusCode).toBe(200);
    expect(await secondVoice(user.id)).toBeNull();
  });

  it('accepts the caller’s own voice and 404s another user’s, a deleted or an unknown one', async () => {
    const user = await premiumUser();
    const stranger = await createUser(t.app);
    const kidId = await createKid(t.app, user.id);
    const mine = await ownVoice(user.id);
    const res = await setVoice(user, kidId, mine);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      preferredVoiceId: mine,
      preferredVoice: { id: mine, type: 'uploaded' },
    });

    for (const voiceId of [
      await ownVoice(stranger.id),
      await ownVoice(user.id, { deleted: true }),
      '0190c7d0-0000-7000-8000-00000000beef',
    ]) {
      const refused = await setVoice(user, kidId, voiceId);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('RESOURCE_NOT_FOUND');
    }
  });

  it('resolves a system voice’s ElevenLabs id to the system voice', async () => {
    const user = await premiumUser();
    const kidId = await createKid(t.app, user.id);
    const res = await setVoice(user, kidId, ELEVEN_LABS_IDS.WILL);
    expect(res.json().data.preferredVoice.id).toBe(system.WILL);
    expect(await query(t, 'select 1 from voices where user_id = $1', [user.id])).toHaveLength(0);
  });

  it('imports an unknown ElevenLabs id as the caller’s own voice, named by its id offline', async () => {
    const user = await premiumUser();
    const kidId = await createKid(t.app, user.id);
    const elevenLabsId = `el${user.id.slice(0, 18).replaceAll('-', '')}`;
    const res = await setVoice(user, kidId, elevenLabsId);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      preferredVoiceId: elevenLabsId,
      preferredVoice: { name: elevenLabsId, type: 'elevenlabs', elevenLabsVoiceId: elevenLabsId },
    });
    const again = await setVoice(user, kidId, elevenLabsId);
    expect(again.json().data.preferredVoice.id).toBe(res.json().data.preferredVoice.id);
    const rows = await query<{ user_id: string; voice_avatar: string }>(
      t,
      'select user_id, voice_avatar from voices where eleven_labs_voice_id = $1',
      [elevenLabsId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.voice_avatar).toContain('identicon');
  });

  it('imports a free user’s ElevenLabs voice into the empty second-voice slot only', async () => {
    const user = await createUser(t.app);
    const kidId = await createKid(t.app, user.id);
    const res = await setVoice(user, kidId, 'freeImportedVoice01');
    expect(res.statusCode).toBe(200);
    expect(await secondVoice(user.id)).toBe(res.json().data.preferredVoice.id);
    const locked = await setVoice(user, kidId, 'freeImportedVoice02');
    expect(locked.statusCode).toBe(403);
    // Rolled back with the refusal: no row for the locked import.
    expect(
      await query(t, "select 1 from voices where eleven_labs_voice_id = 'freeImportedVoice02'"),
    ).toHaveLength(0);
  });

  it('answers 404 for another parent’s kid before looking at the voice', async () => {
    const [user, stranger] = await Promise.all([createUser(t.app), createUser(t.app)]);
    const kidId = await createKid(t.app, stranger.id);
    expect((await setVoice(user, kidId, 'CHARLIE')).statusCode).toBe(404);
  });

  describe('the injectable ElevenLabs lookup', () => {
    function service(lookup: Parameters<typeof createVoicePreference>[0]['lookup']) {
      const { db, cache, now } = t.app.core;
      return createVoicePreference({ db, premium: createPremiumService({ db, cache, now }), lookup, now });
    }

    async function importWith(lookup: Parameters<typeof service>[0], elevenLabsVoiceId: string) {
      const user = await premiumUser();
      const voicePreference = service(lookup);
      const choice = await voicePreference.choose(user.id, elevenLabsVoiceId);
      const id = await t.app.core.db.transaction((tx) => voicePreference.apply(tx, user.id, choice));
      const [row] = await query<{ name: string; url: string | null }>(
        t,
        'select name, url from voices where id = $1',
        [id],
      );
      return row!;
    }

    it('names the voice and keeps the preview from the lookup', async () => {
      const row = await importWith(
        async () => ({ name: 'Storyteller', previewUrl: 'https://cdn.example.com/p.mp3' }),
        'lookupNamedVoice01',
      );
      expect(row).toEqual({ name: 'Storyteller', url: 'https://cdn.example.com/p.mp3' });
    });

    it('falls back to the catalogue name when ElevenLabs does not know the id or fails', async () => {
      expect((await importWith(async () => null, 'lookupUnknownVoice1')).name).toBe(UNKNOWN_VOICE_NAME);
      const failing = async () => {
        throw new Error('ElevenLabs unreachable');
      };
      expect((await importWith(failing, 'lookupFailingVoice1')).name).toBe(UNKNOWN_VOICE_NAME);
    });
  });
});
