import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { call, ownVoice, premiumUser, query, type SystemVoices, seedSystemVoices } from './voice-fixtures';

/** VOICE-02..08 (api.md §6): VoiceDto, voice resolution and the free-tier voice lock (rules.md §7). */

let t: TestApp;
let system: SystemVoices;

beforeAll(async () => {
  t = await createTestApp();
  system = await seedSystemVoices(t);
});
afterAll(async () => t.close());

const initials = (name: string) =>
  `https://api.dicebear.com/7.x/initials/svg?seed=${encodeURIComponent(name)}`;
const identicon = (id: string) => `https://api.dicebear.com/7.x/identicon/svg?seed=${encodeURIComponent(id)}`;

const secondVoiceOf = async (userId: string) =>
  (
    await query<{ id: string | null }>(
      t,
      'select selected_second_voice_id as id from user_usages where user_id = $1',
      [userId],
    )
  )[0]?.id ?? null;

describe('GET /voice/available (VOICE-08)', () => {
  it('lists the six system voices in catalogue order as VoiceDto', async () => {
    const user = await createUser(t.app);
    const response = await call(t, 'GET', '/voice/available', { as: user });
    expect(response.statusCode).toBe(200);
    const data = response.json().data as Array<Record<string, unknown>>;
    expect(data.slice(0, 6).map((voice) => voice.name)).toEqual([
      'Charlie',
      'Jessica',
      'Will',
      'Lily',
      'Bill',
      'Laura',
    ]);
    expect(data[0]).toEqual({
      id: system.CHARLIE,
      name: 'Charlie',
      type: 'system',
      previewUrl: null,
      voiceAvatar: initials('Charlie'),
      elevenLabsVoiceId: 'IKne3meq5aSn9XLyUdCD',
    });
  });

  it('is cached under voices:all', async () => {
    const user = await createUser(t.app);
    await call(t, 'GET', '/voice/available', { as: user });
    const keys = await t.deps.redis.keys(`${t.prefixes.cache}voices:all`);
    expect(keys).toHaveLength(1);
  });

  it('needs a session', async () => {
    const response = await call(t, 'GET', '/voice/available');
    expect(response.statusCode).toBe(401);
  });
});

describe('POST /voice/elevenlabs (VOICE-02) and GET /voice (VOICE-03)', () => {
  it('registers an ElevenLabs voice once and lists only the caller’s live voices', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    await ownVoice(t, other.id, { name: 'Not mine' });
    await ownVoice(t, user.id, { name: 'Deleted', deleted: true });

    const created = await call(t, 'POST', '/voice/elevenlabs', {
      as: user,
      body: { name: 'Narrator', elevenLabsVoiceId: 'abcDEF123' },
    });
    expect(created.statusCode).toBe(201);
    const voice = created.json().data;
    expect(voice).toEqual({
      id: expect.any(String),
      name: 'Narrator',
      type: 'elevenlabs',
      previewUrl: null,
      voiceAvatar: identicon('abcDEF123'),
      elevenLabsVoiceId: 'abcDEF123',
    });

    const again = await call(t, 'POST', '/voice/elevenlabs', {
      as: user,
      body: { name: 'Other name', elevenLabsVoiceId: 'abcDEF123' },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().data.id).toBe(voice.id);

    const list = await call(t, 'GET', '/voice', { as: user });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([voice]);
  });

  it('falls back to the initials avatar for an uploaded voice without one', async () => {
    const user = await createUser(t.app);
    const id = await ownVoice(t, user.id, { name: 'Grandpa Joe' });
    const list = await call(t, 'GET', '/voice', { as: user });
    expect(list.json().data).toEqual([
      expect.objectContaining({ id, type: 'uploaded', voiceAvatar: initials('Grandpa Joe') }),
    ]);
  });

  it('validates the body', async () => {
    const user = await createUser(t.app);
    for (const body of [
      { name: 'x', elevenLabsVoiceId: 'has-dash' },
      { name: '', elevenLabsVoiceId: 'abc' },
      { name: 'x', elevenLabsVoiceId: 'abc', extra: true },
      { name: 'x', elevenLabsVoiceId: 'a'.repeat(65) },
    ]) {
      const response = await call(t, 'POST', '/voice/elevenlabs', { as: user, body });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_ERROR');
    }
  });

  it('needs a session', async () => {
    expect((await call(t, 'GET', '/voice')).statusCode).toBe(401);
    const response = await call(t, 'POST', '/voice/elevenlabs', {
      body: { name: 'x', elevenLabsVoiceId: 'abc' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('PATCH /voice/preferred (VOICE-04) and GET /voice/preferred (VOICE-05)', () => {
  it('answers the empty DTO before a choice, then the chosen voice by catalogue key', async () => {
    const user = await createUser(t.app);
    const empty = await call(t, 'GET', '/voice/preferred', { as: user });
    expect(empty.statusCode).toBe(200);
    expect(empty.json().data).toEqual({ id: '', name: '', type: '' });

    const set = await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId: 'charlie' } });
    expect(set.statusCode).toBe(200);
    expect(set.json().data).toMatchObject({ id: system.CHARLIE, name: 'Charlie', type: 'system' });
    expect((await call(t, 'GET', '/voice/preferred', { as: user })).json().data.id).toBe(system.CHARLIE);
    // CHARLIE is free for everyone: no second voice was used up.
    expect(await secondVoiceOf(user.id)).toBeNull();
  });

  it('makes a first non-default voice the free user’s second voice, then locks the others', async () => {
    const user = await createUser(t.app);
    const jessica = await call(t, 'PATCH', '/voice/preferred', {
      as: user,
      body: { voiceId: system.JESSICA },
    });
    expect(jessica.statusCode).toBe(200);
    expect(await secondVoiceOf(user.id)).toBe(system.JESSICA);

    // By its ElevenLabs id: resolves to the same system voice.
    const byElevenLabsId = await call(t, 'PATCH', '/voice/preferred', {
      as: user,
      body: { voiceId: 'cgSgspJ2msm6clMCkdW9' },
    });
    expect(byElevenLabsId.json().data.id).toBe(system.JESSICA);

    const will = await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId: 'WILL' } });
    expect(will.statusCode).toBe(403);
    expect(will.json()).toMatchObject({
      code: 'VOICE_LOCKED',
      details: { allowedVoices: ['CHARLIE', system.JESSICA] },
    });
    expect((await call(t, 'GET', '/voice/preferred', { as: user })).json().data.id).toBe(system.JESSICA);
  });

  it('lets premium users choose any system voice and their own', async () => {
    const user = await premiumUser(t);
    const own = await ownVoice(t, user.id);
    for (const voiceId of ['WILL', 'LAURA', own]) {
      const response = await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId } });
      expect(response.statusCode).toBe(200);
    }
    expect((await call(t, 'GET', '/voice/preferred', { as: user })).json().data.id).toBe(own);
    expect(await secondVoiceOf(user.id)).toBeNull();
  });

  it('answers 404 for another user’s voice, a deleted voice and an unknown id', async () => {
    const user = await premiumUser(t);
    const other = await createUser(t.app);
    const theirs = await ownVoice(t, other.id);
    const deleted = await ownVoice(t, user.id, { deleted: true });
    for (const voiceId of [theirs, deleted, '00000000-0000-4000-8000-000000000000', 'noSuchVoice123']) {
      const response = await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId } });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('RESOURCE_NOT_FOUND');
    }
  });

  it('shows the empty DTO once the preferred voice is deleted', async () => {
    const user = await premiumUser(t);
    const own = await ownVoice(t, user.id);
    await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId: own } });
    await query(t, 'update voices set is_deleted = true where id = $1', [own]);
    expect((await call(t, 'GET', '/voice/preferred', { as: user })).json().data).toEqual({
      id: '',
      name: '',
      type: '',
    });
  });

  it('validates the body and needs a session', async () => {
    const user = await createUser(t.app);
    for (const body of [{}, { voiceId: '' }, { voiceId: 'x'.repeat(65) }, { voiceId: 'CHARLIE', more: 1 }]) {
      const response = await call(t, 'PATCH', '/voice/preferred', { as: user, body });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_ERROR');
    }
    expect((await call(t, 'PATCH', '/voice/preferred', { body: { voiceId: 'CHARLIE' } })).statusCode).toBe(
      401,
    );
    expect((await call(t, 'GET', '/voice/preferred')).statusCode).toBe(401);
  });
});

describe('PATCH /voice/second-voice (VOICE-06) and GET /voice/access (VOICE-07)', () => {
  it('stores and replaces a free user’s second voice, reported by /voice/access', async () => {
    const user = await createUser(t.app);
    expect((await call(t, 'GET', '/voice/access', { as: user })).json().data).toEqual({
      isPremium: false,
      unlimited: false,
      defaultVoice: 'CHARLIE',
      selectedSecondVoice: null,
      maxVoices: 2,
    });

    const first = await call(t, 'PATCH', '/voice/second-voice', { as: user, body: { voiceId: 'lily' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toEqual({ message: expect.any(String), voiceId: system.LILY });
    const own = await ownVoice(t, user.id);
    const second = await call(t, 'PATCH', '/voice/second-voice', { as: user, body: { voiceId: own } });
    expect(second.json().data.voiceId).toBe(own);
    expect((await call(t, 'GET', '/voice/access', { as: user })).json().data.selectedSecondVoice).toBe(own);

    // The claimed voice is now allowed as the preferred one; another is not.
    expect(
      (await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId: own } })).statusCode,
    ).toBe(200);
    expect(
      (await call(t, 'PATCH', '/voice/preferred', { as: user, body: { voiceId: 'BILL' } })).statusCode,
    ).toBe(403);
  });

  it('refuses premium users with 400 and reports them unlimited', async () => {
    const user = await premiumUser(t);
    const response = await call(t, 'PATCH', '/voice/second-voice', { as: user, body: { voiceId: 'WILL' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_ERROR');
    expect((await call(t, 'GET', '/voice/access', { as: user })).json().data).toEqual({
      isPremium: true,
      unlimited: true,
      defaultVoice: 'CHARLIE',
      selectedSecondVoice: null,
      maxVoices: -1,
    });
  });

  it('answers 404 for another user’s voice and needs a session', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const theirs = await ownVoice(t, other.id);
    const response = await call(t, 'PATCH', '/voice/second-voice', { as: user, body: { voiceId: theirs } });
    expect(response.statusCode).toBe(404);
    expect(await secondVoiceOf(user.id)).toBeNull();
    expect((await call(t, 'PATCH', '/voice/second-voice', { body: { voiceId: 'WILL' } })).statusCode).toBe(
      401,
    );
    expect((await call(t, 'GET', '/voice/access')).statusCode).toBe(401);
  });

  it('validates the body', async () => {
    const user = await createUser(t.app);
    const response = await call(t, 'PATCH', '/voice/second-voice', { as: user, body: { voiceId: 5 } });
    expect(response.statusCode).toBe(400);
  });
});
