import { registry } from '@storytime/observability';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, type FakeReply, fakeStory, startFakeGemini } from '../gemini-testing';
import { breakerStates, CircuitOpenError, ProviderTimeoutError, resetCircuitBreakers } from '../resilience';
import type { StoryPromptInput } from '../story-types';
import { createGeminiClient, createStoryTextProvider, GEMINI_POLICY, storyFromText } from './index';

const input: StoryPromptInput = {
  themes: ['Courage / Bravery'],
  categories: ['Bedtime Stories'],
  ageMin: 4,
  ageMax: 6,
  kidName: 'Noor',
  language: 'English',
};

let fake: FakeGemini;
let clock: { t: number; delays: number[]; now: () => number; sleep: (ms: number) => Promise<void> };

beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  resetCircuitBreakers();
  clock = {
    t: 5_000_000,
    delays: [],
    now: () => clock.t,
    sleep: async (ms) => {
      clock.delays.push(ms);
      clock.t += ms;
    },
  };
});

function gemini(overrides: { timeoutMs?: number; apiKey?: string; model?: string } = {}) {
  return createGeminiClient({
    apiKey: overrides.apiKey ?? fake.apiKey,
    baseUrl: `${fake.baseUrl}/`,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    ...(overrides.model ? { model: overrides.model } : {}),
  });
}

async function metric(name: string, labels: Record<string, string>, series = name): Promise<number> {
  const found = registry.getSingleMetric(name);
  if (!found) return 0;
  const { values } = await found.get();
  return values
    .filter((v) => {
      const metricName = (v as { metricName?: string }).metricName;
      return metricName === undefined || metricName === series;
    })
    .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

const calls = (outcome: string) =>
  metric('external_requests_total', { provider: 'gemini', operation: 'generateContent', outcome });

describe('Gemini client', () => {
  it('sends the generateContent request of providers.md §1.1 and returns the story', async () => {
    const story = await gemini().generateStory(input);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
    });
    expect(request!.headers['x-goog-api-key']).toBe(fake.apiKey);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: expect.stringContaining('Noor') }] }],
      generationConfig: { responseMimeType: 'application/json', temperature: 0.9, maxOutputTokens: 8192 },
    });
    expect(request!.prompt).toContain('Courage / Bravery');

    const expected = fakeStory();
    expect(story).toMatchObject({
      title: expected.title,
      description: expected.description,
      difficultyLevel: 3,
    });
    expect(story.content).toBe(expected.content);
    expect(story.questions).toHaveLength(5);
    expect(story.questions[1]).toEqual({
      question: 'What did the bird carry?',
      options: ['A letter', 'A silver key', 'A seed', 'A ribbon'],
      correctOption: 1,
    });
  });

  it('uses the configured model and reads an answer wrapped in a code fence', async () => {
    fake.reply({ kind: 'story', fenced: true });
    const story = await gemini({ model: 'gemini-2.5-pro' }).generateStory(input);
    expect(fake.requests[0]!.model).toBe('gemini-2.5-pro');
    expect(story.title).toBe(fakeStory().title);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    fake.reply({ kind: 'status', status: 429, retryAfter: '2' });
    await gemini().generateStory(input);
    expect(fake.requests).toHaveLength(2);
    expect(clock.delays).toEqual([2000]);
  });

  it('ignores a Retry-After above 30 s in favour of the backoff', async () => {
    fake.reply({ kind: 'status', status: 429, retryAfter: '120' });
    await gemini().generateStory(input);
    expect(clock.delays).toEqual([1000]);
  });

  it('retries 500s with backoff and ends with PROVIDER_UNAVAILABLE after 3 attempts', async () => {
    fake.setDefault({ kind: 'status', status: 500 });
    const error = await gemini()
      .generateStory(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      statusCode: 503,
      details: { provider: 'gemini' },
    });
    expect(fake.requests).toHaveLength(3);
    expect(clock.delays).toEqual([1000, 2000]);
  });

  it('times out a request that hangs, and retries it', async () => {
    const before = await calls('timeout');
    fake.reply({ kind: 'hang' });
    await expect(gemini({ timeoutMs: 150 }).generateStory(input)).resolves.toMatchObject({
      title: fakeStory().title,
    });
    expect(fake.requests).toHaveLength(2);

    fake.setDefault({ kind: 'hang' });
    const error = await gemini({ timeoutMs: 150 })
      .generateStory(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((await calls('timeout')) - before).toBe(4);
  });

  it('makes one extra request after malformed JSON', async () => {
    fake.reply({ kind: 'malformed' });
    await expect(gemini().generateStory(input)).resolves.toMatchObject({ title: fakeStory().title });
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ['malformed JSON', { kind: 'malformed' }],
    ['an HTTP body that is not JSON', { kind: 'malformed-body' }],
    ['a story of the wrong shape', { kind: 'wrong-shape' }],
    ['a blocked prompt', { kind: 'blocked' }],
    ['a SAFETY finish', { kind: 'finish', finishReason: 'SAFETY' }],
    [
      'a story with 3 options',
      { kind: 'story', story: { questions: [{ question: 'Q?', options: ['a', 'b', 'c'], answer: 0 }] } },
    ],
    ['a story that is too short', { kind: 'story', story: { content: 'Too short to be a story.' } }],
  ] satisfies [string, FakeReply][])(
    'fails with AI_OUTPUT_INVALID after two answers of %s',
    async (_, reply) => {
      fake.setDefault(reply);
      const error = await gemini()
        .generateStory(input)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AI_OUTPUT_INVALID', statusCode: 502, retryable: false });
      expect(fake.requests).toHaveLength(2);
      expect(clock.delays).toEqual([]);
    },
  );

  it('does not count unusable output against the breaker', async () => {
    fake.setDefault({ kind: 'wrong-shape' });
    const client = gemini();
    for (let i = 0; i < 6; i += 1)
      await expect(client.generateStory(input)).rejects.toMatchObject({ code: 'AI_OUTPUT_INVALID' });
    expect(breakerStates().gemini).toBe('closed');
  });

  it('does not retry a 400, and does not count it against the breaker', async () => {
    fake.setDefault({ kind: 'status', status: 400 });
    const client = gemini();
    for (let i = 0; i < 6; i += 1) {
      await expect(client.generateStory(input)).rejects.toMatchObject({
        code: 'PROVIDER_ERROR',
        statusCode: 502,
        status: 400,
      });
    }
    expect(fake.requests).toHaveLength(6);
    expect(breakerStates().gemini).toBe('closed');
  });

  it('answers PROVIDER_ERROR for a rejected key without retrying', async () => {
    const error = await gemini({ apiKey: 'wrong' })
      .generateStory(input)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 403 });
    expect(fake.requests).toHaveLength(1);
  });

  it('opens the breaker after 5 failed calls, short-circuits, and closes after a successful probe', async () => {
    const client = gemini();
    fake.setDefault({ kind: 'status', status: 503 });
    for (let i = 0; i < GEMINI_POLICY.breaker.failures; i += 1) {
      await expect(client.generateStory(input)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    }
    expect(fake.requests).toHaveLength(15);
    expect(breakerStates().gemini).toBe('open');
    expect(await metric('circuit_breaker_state', { provider: 'gemini' })).toBe(2);

    const shortBefore = await calls('short_circuit');
    const error = await client.generateStory(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', statusCode: 503 });
    expect(fake.requests).toHaveLength(15);
    expect((await calls('short_circuit')) - shortBefore).toBe(1);

    clock.t += GEMINI_POLICY.breaker.openMs - 1;
    await expect(client.generateStory(input)).rejects.toBeInstanceOf(CircuitOpenError);
    clock.t += 1;
    expect(breakerStates().gemini).toBe('half-open');
    expect(await metric('circuit_breaker_state', { provider: 'gemini' })).toBe(1);

    fake.setDefault({ kind: 'story' });
    await expect(client.generateStory(input)).resolves.toMatchObject({ title: fakeStory().title });
    expect(fake.requests).toHaveLength(16);
    expect(breakerStates().gemini).toBe('closed');
    expect(await metric('circuit_breaker_state', { provider: 'gemini' })).toBe(0);
  });

  it('re-opens the breaker when the probe fails', async () => {
    const client = gemini();
    fake.setDefault({ kind: 'status', status: 500 });
    for (let i = 0; i < 5; i += 1) await expect(client.generateStory(input)).rejects.toThrow();
    clock.t += 60_000;
    await expect(client.generateStory(input)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(breakerStates().gemini).toBe('open');
    await expect(client.generateStory(input)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('records request counts and durations', async () => {
    const labels = { provider: 'gemini', operation: 'generateContent' };
    const successBefore = await calls('success');
    const errorBefore = await calls('error');
    const durationBefore = await metric(
      'external_request_duration_seconds',
      labels,
      'external_request_duration_seconds_count',
    );
    fake.reply({ kind: 'status', status: 503 });
    await gemini().generateStory(input);
    expect((await calls('success')) - successBefore).toBe(1);
    expect((await calls('error')) - errorBefore).toBe(1);
    expect(
      (await metric('external_request_duration_seconds', labels, 'external_request_duration_seconds_count')) -
        durationBefore,
    ).toBe(2);
  });

  it("stops when the caller's signal aborts", async () => {
    fake.setDefault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = gemini({ timeoutMs: 10_000 }).generateStory(input, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('job cancelled')), 50);
    await expect(pending).rejects.toThrow('job cancelled');
    expect(breakerStates().gemini).toBe('closed');
  });
});

describe('createStoryTextProvider', () => {
  it('uses the offline storyteller without a key; its stories pass the Gemini validation', async () => {
    const provider = createStoryTextProvider({ GEMINI_API_KEY: '  ' });
    expect(provider.name).toBe('offline');
    const story = await provider.generateStory(input);
    const asModelOutput = {
      ...story,
      questions: story.questions.map(({ correctOption, ...q }) => ({ ...q, answer: correctOption })),
    };
    expect(storyFromText(JSON.stringify(asModelOutput))).toEqual(story);
    expect(fake.requests).toHaveLength(0);
  });

  it('uses Gemini with a key, honouring the model and base URL', async () => {
    const provider = createStoryTextProvider({
      GEMINI_API_KEY: fake.apiKey,
      GEMINI_MODEL: 'gemini-test',
      GEMINI_BASE_URL: fake.baseUrl,
    });
    expect(provider.name).toBe('gemini');
    await provider.generateStory(input);
    expect(fake.requests[0]!.path).toBe('/v1beta/models/gemini-test:generateContent');
  });
});
