import { describe, expect, it } from 'vitest';
import { fakeStory } from '../gemini-testing';
import {
  candidateText,
  InvalidStoryOutputError,
  storyFromResponse,
  storyFromText,
  stripCodeFence,
} from './parse';

const body = (text: string, finishReason = 'STOP') => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason }],
});

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidStoryOutputError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('Gemini response parsing', () => {
  it('joins the parts of the first candidate', () => {
    const text = JSON.stringify(fakeStory());
    const split = {
      candidates: [
        { content: { parts: [{ text: text.slice(0, 50) }, { text: text.slice(50) }] }, finishReason: 'STOP' },
      ],
    };
    expect(candidateText(split)).toBe(text);
    expect(storyFromResponse(split).title).toBe(fakeStory().title);
  });

  it('strips a surrounding code fence', () => {
    expect(stripCodeFence('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripCodeFence('```\n{"a":1}```')).toBe('{"a":1}');
    expect(stripCodeFence(' {"a":1} ')).toBe('{"a":1}');
  });

  it('accepts MAX_TOKENS and rejects other finish reasons, blocks and empty answers', () => {
    const text = JSON.stringify(fakeStory());
    expect(storyFromResponse(body(text, 'MAX_TOKENS')).title).toBe(fakeStory().title);
    expect(reason(() => storyFromResponse(body(text, 'RECITATION')))).toBe('finish_reason');
    expect(reason(() => storyFromResponse({ promptFeedback: { blockReason: 'SAFETY' } }))).toBe('blocked');
    expect(reason(() => storyFromResponse({ candidates: [] }))).toBe('empty');
    expect(reason(() => storyFromResponse(body('   ')))).toBe('empty');
    expect(reason(() => storyFromResponse('not an object'))).toBe('not_json');
  });

  it('keeps the first 5 questions, accepts fewer, and maps answer to correctOption', () => {
    const q = (i: number) => ({ question: `Q${i}?`, options: ['a', 'b', 'c', 'd'], answer: i % 4 });
    const seven = storyFromText(JSON.stringify(fakeStory({ questions: [0, 1, 2, 3, 4, 5, 6].map(q) })));
    expect(seven.questions.map((x) => x.question)).toEqual(['Q0?', 'Q1?', 'Q2?', 'Q3?', 'Q4?']);
    expect(seven.questions[3]!.correctOption).toBe(3);
    expect(storyFromText(JSON.stringify(fakeStory({ questions: [q(1)] }))).questions).toHaveLength(1);
  });

  it('rounds and clamps the difficulty to 1–10, default 1', () => {
    const level = (difficultyLevel: unknown) =>
      storyFromText(JSON.stringify({ ...fakeStory(), difficultyLevel })).difficultyLevel;
    expect(level(12.6)).toBe(10);
    expect(level(0.2)).toBe(1);
    expect(level(4.5)).toBe(5);
    expect(level(undefined)).toBe(1);
    expect(level('hard')).toBe(1);
  });

  it.each([
    ['no questions', { questions: [] }],
    ['3 options', { questions: [{ question: 'Q?', options: ['a', 'b', 'c'], answer: 0 }] }],
    ['an answer out of range', { questions: [{ question: 'Q?', options: ['a', 'b', 'c', 'd'], answer: 4 }] }],
    ['an empty option', { questions: [{ question: 'Q?', options: ['a', ' ', 'c', 'd'], answer: 0 }] }],
    ['fewer than 100 words', { content: 'word '.repeat(99) }],
    ['more than 50,000 characters', { content: 'word '.repeat(10_001) }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
    ['an empty description', { description: '' }],
  ])('rejects a story with %s', (_, overrides) => {
    expect(reason(() => storyFromText(JSON.stringify({ ...fakeStory(), ...overrides })))).toBe(
      'invalid_shape',
    );
  });

  it('rejects text that is not JSON', () => {
    expect(reason(() => storyFromText('Once upon a time'))).toBe('not_json');
  });
});
