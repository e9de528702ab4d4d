import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scriptable HTTP server on 127.0.0.1 for the provider fakes (providers.md: "a small HTTP server on
 * 127.0.0.1:<random port> that speaks the same wire format, records requests and can be told to answer
 * with errors, delays or specific payloads"). Each route has a normal answer; `script` queues one-off
 * answers that are used, in order, before it.
 */

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface RecordedRequest<R extends string = string> {
  route: R;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
  /** Parsed when the request was JSON. */
  json?: unknown;
  /** Parsed when the request was multipart/form-data. */
  fields?: Record<string, string>;
  files?: Record<string, UploadedFile>;
}

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string | object;
}

export type FakeReply =
  /** The route's normal answer. */
  | { kind: 'ok' }
  /** Exactly this answer. */
  | ({ kind: 'answer' } & HttpAnswer)
  /** Never answers (until the server closes): the client's timeout must fire. */
  | { kind: 'hang' }
  /** A 200 whose body the client cannot use (the route decides what that is). */
  | { kind: 'malformed' }
  /** Waits, then gives the route's normal answer. */
  | { kind: 'delay'; ms: number };

export interface FakeRoute<R extends string> {
  name: R;
  method: string;
  match: (path: string) => boolean;
  ok: (request: RecordedRequest<R>, index: number) => HttpAnswer;
  malformed: (request: RecordedRequest<R>) => HttpAnswer;
}

export interface FakeHttpServer<R extends string> {
  readonly url: string;
  readonly requests: RecordedRequest<R>[];
  /** The requests one route received, in order. */
  requestsTo(route: R): RecordedRequest<R>[];
  /** Queues one-off replies for a route, consumed in order before its normal answer. */
  script(route: R, ...replies: FakeReply[]): void;
  /** Forgets recorded requests and queued replies. */
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function parseBody(recorded: RecordedRequest, contentType: string): Promise<void> {
  if (contentType.includes('application/json')) {
    try {
      recorded.json = JSON.parse(recorded.body.toString('utf8'));
    } catch {
      recorded.json = undefined;
    }
  } else if (contentType.includes('multipart/form-data')) {
    const form = await new Request('http://fake.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(recorded.body),
    }).formData();
    recorded.fields = {};
    recorded.files = {};
    for (const [name, value] of form) {
      if (typeof value === 'string') recorded.fields[name] = value;
      else
        recorded.files[name] = {
          name: value.name,
          type: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        };
    }
  }
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  const body = answer.body;
  const isJson = body !== undefined && !Buffer.isBuffer(body) && typeof body === 'object';
  const payload = body === undefined ? Buffer.alloc(0) : isJson ? JSON.stringify(body) : body;
  res.writeHead(answer.status, {
    ...(isJson ? { 'content-type': 'application/json' } : {}),
    ...answer.headers,
  });
  res.end(payload);
}

export async function startFakeHttpServer<R extends string>(
  routes: readonly FakeRoute<R>[],
): Promise<FakeHttpServer<R>> {
  const requests: RecordedRequest<R>[] = [];
  const queues = new Map<R, FakeReply[]>();
  const counts = new Map<R, number>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { error: 'fake server failure' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes.find(
      (candidate) => candidate.method === req.method && candidate.match(url.pathname),
    );
    const body = await readBody(req);
    if (!route) {
      send(res, { status: 404, body: { detail: { status: 'not_found', message: 'No such route' } } });
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    const recorded: RecordedRequest<R> = {
      route: route.name,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
    };
    await parseBody(recorded, headers['content-type'] ?? '');
    requests.push(recorded);
    const reply = queues.get(route.name)?.shift() ?? { kind: 'ok' };
    if (reply.kind === 'hang') return;
    if (reply.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, reply.ms));
    if (reply.kind === 'answer') return send(res, reply);
    if (reply.kind === 'malformed') return send(res, route.malformed(recorded));
    const index = counts.get(route.name) ?? 0;
    counts.set(route.name, index + 1);
    send(res, route.ok(recorded, index));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (route) => requests.filter((request) => request.route === route),
    script(route, ...replies) {
      queues.set(route, [...(queues.get(route) ?? []), ...replies]);
    },
    reset() {
      requests.length = 0;
      queues.clear();
      counts.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
