import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Gemini (providers.md §1.4): `POST /v1beta/models/{model}:generateContent` on
 * 127.0.0.1:<random port>, speaking the real wire format. It checks `x-goog-api-key`, records
 * every request and answers a canned valid story unless told otherwise, one queued reply per
 * request (`fake.reply('status', { status: 429, retryAfter: '1' })`).
 */

/** The JSON the model is asked for (providers.md §1.3), valid by default. */
export interface FakeStory {
  title: string;
  description: string;
  difficultyLevel?: number;
  estimatedWordCount?: number;
  content: string;
  questions: { question: string; options: string[]; answer: number }[];
}

export type FakeReply =
  | { kind: 'story'; story?: Partial<FakeStory> | undefined; fenced?: boolean }
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  /** Never answers (until the server closes): the client's timeout must fire. */
  | { kind: 'hang' }
  /** 200 whose model text is not JSON. */
  | { kind: 'malformed' }
  /** 200 whose HTTP body itself is not JSON. */
  | { kind: 'malformed-body' }
  /** 200 with valid JSON of the wrong shape. */
  | { kind: 'wrong-shape' }
  /** 200 without candidates: the prompt was blocked. */
  | { kind: 'blocked'; reason?: string }
  /** 200 with a candidate that stopped for another reason than STOP/MAX_TOKENS. */
  | { kind: 'finish'; finishReason: string }
  /** 200 whose model text is exactly this. */
  | { kind: 'text'; text: string };

export interface RecordedRequest {
  method: string;
  path: string;
  model: string | undefined;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  /** The prompt text of the first part, for assertions. */
  prompt: string | undefined;
}

export interface FakeGemini {
  /** Pass as `GEMINI_BASE_URL`. */
  baseUrl: string;
  /** The key the fake accepts; others get 403 PERMISSION_DENIED. */
  apiKey: string;
  requests: RecordedRequest[];
  /** Queues replies, used one per request in order; the default story answers once they run out. */
  reply(...replies: FakeReply[]): void;
  /** Replaces the answer given when the queue is empty. */
  setDefault(reply: FakeReply): void;
  reset(): void;
  close(): Promise<void>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const SENTENCES = [
  'Once upon a time, a curious girl named Maya lived at the edge of a whispering forest.',
  'Every morning she watched the tall trees sway and wondered what secrets they were keeping.',
  'One day a tiny blue bird landed on her windowsill with a silver key tied to its leg.',
  'Maya followed the bird along a mossy path until she reached a little wooden door in an old oak tree.',
  'The key fitted perfectly, and behind the door she found a library full of glowing books.',
  'A wise old owl explained that the books had lost their words because nobody had read them for years.',
  'Maya sat down and began to read aloud, and with every page the words returned in bright colours.',
  'By sunset the whole library sparkled, and the owl thanked her for sharing her voice.',
  'Maya promised to come back every week, because stories grow stronger when they are shared.',
];

/** A valid story of about 170 words with 5 questions. */
export function fakeStory(overrides: Partial<FakeStory> = {}): FakeStory {
  const content = [SENTENCES.slice(0, 3), SENTENCES.slice(3, 6), SENTENCES.slice(6)]
    .map((paragraph) => paragraph.join(' '))
    .join('\n\n');
  const full = `${content}\n\n${content}`;
  return {
    title: 'Maya and the Whispering Library',
    description: 'A curious girl helps a forest library find its lost words.',
    difficultyLevel: 3,
    estimatedWordCount: full.split(/\s+/).length,
    content: full,
    questions: [
      { question: 'Who is the story about?', options: ['Maya', 'Leo', 'Sam', 'Ava'], answer: 0 },
      {
        question: 'What did the bird carry?',
        options: ['A letter', 'A silver key', 'A seed', 'A ribbon'],
        answer: 1,
      },
      {
        question: 'Where was the door?',
        options: ['In a cave', 'In a house', 'In an old oak tree', 'By a lake'],
        answer: 2,
      },
      {
        question: 'Who explained the problem?',
        options: ['A fox', 'A frog', 'A rabbit', 'A wise old owl'],
        answer: 3,
      },
      {
        question: 'How did Maya help?',
        options: ['She read aloud', 'She sang', 'She painted', 'She slept'],
        answer: 0,
      },
    ],
    ...overrides,
  };
}

function candidateBody(text: string, finishReason = 'STOP') {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 310, candidatesTokenCount: 900, totalTokenCount: 1210 },
    modelVersion: 'gemini-2.5-flash',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(status: number, message: string) {
  return { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } };
}

export async function startFakeGemini(options: { apiKey?: string } = {}): Promise<FakeGemini> {
  const apiKey = options.apiKey ?? 'test-gemini-key';
  const requests: RecordedRequest[] = [];
  let queue: FakeReply[] = [];
  let fallback: FakeReply = { kind: 'story' };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const match = path.match(/^\/v1beta\/models\/([^/:]+):generateContent$/);
      const prompt = (body as { contents?: { parts?: { text?: string }[] }[] } | undefined)?.contents?.[0]
        ?.parts?.[0]?.text;
      requests.push({
        method: req.method ?? '',
        path,
        model: match?.[1] ? decodeURIComponent(match[1]) : undefined,
        headers: req.headers,
        body,
        prompt,
      });

      if (req.method !== 'POST' || !match) return sendJson(res, 404, errorBody(404, 'Not found'));
      if (req.headers['x-goog-api-key'] !== apiKey) {
        return sendJson(res, 403, errorBody(403, "Method doesn't allow unregistered callers."));
      }
      if (body === undefined) return sendJson(res, 400, errorBody(400, 'Invalid JSON payload received.'));

      const reply = queue.shift() ?? fallback;
      switch (reply.kind) {
        case 'story': {
          const text = JSON.stringify(fakeStory(reply.story));
          return sendJson(res, 200, candidateBody(reply.fenced ? `\`\`\`json\n${text}\n\`\`\`` : text));
        }
        case 'status':
          return sendJson(
            res,
            reply.status,
            errorBody(reply.status, reply.message ?? 'The fake was told to fail.'),
            reply.retryAfter === undefined ? {} : { 'retry-after': reply.retryAfter },
          );
        case 'hang':
          return; // closed by close() or by the client aborting
        case 'malformed':
          return sendJson(res, 200, candidateBody('{"title": "Half a story", "content": "Once upon'));
        case 'malformed-body':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"candidates": [');
        case 'wrong-shape':
          return sendJson(res, 200, candidateBody(JSON.stringify({ story: 'Once upon a time.', quiz: [] })));
        case 'blocked':
          return sendJson(res, 200, {
            promptFeedback: { blockReason: reply.reason ?? 'SAFETY' },
            usageMetadata: { promptTokenCount: 310, totalTokenCount: 310 },
          });
        case 'finish':
          return sendJson(res, 200, candidateBody('', reply.finishReason));
        case 'text':
          return sendJson(res, 200, candidateBody(reply.text));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    reply: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      queue = [];
      fallback = { kind: 'story' };
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
