import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudinarySignature } from '../cloudinary-store';

/**
 * A local stand-in for Cloudinary's upload API (providers.md §5.4) on 127.0.0.1 and a random port:
 * it verifies each request's signature with the test secret, keeps uploaded bytes in memory,
 * answers with a `secure_url` pointing at itself (which serves the bytes back), and can be told to
 * fail (`failNext(500)`, `failNext(429, { retryAfter: 1 })`) or to hang (`hangNext()`).
 */

export const FAKE_CLOUDINARY = { cloudName: 'demo-cloud', apiKey: '1234567890', apiSecret: 'fake-secret' };

export interface RecordedCall {
  operation: 'upload' | 'destroy';
  resourceType: string;
  fields: Record<string, string>;
  signatureValid: boolean;
  file?: { bytes: Buffer; filename: string; type: string };
}

interface Planned {
  status?: number;
  retryAfter?: number;
  hang?: boolean;
}

export interface FakeCloudinary {
  baseUrl: string;
  /** Every request received, in order (also the failed and hung ones). */
  calls: RecordedCall[];
  /** Stored objects by public id (folder included). */
  objects: Map<string, { bytes: Buffer; type: string; resourceType: string }>;
  failNext(status: number, options?: { times?: number; retryAfter?: number }): void;
  /** The next `times` requests get no answer until the client gives up. */
  hangNext(times?: number): void;
  reset(): void;
  /** The env vars pointing the API at this server. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeCloudinary(): Promise<FakeCloudinary> {
  const calls: RecordedCall[] = [];
  const objects = new Map<string, { bytes: Buffer; type: string; resourceType: string }>();
  let plan: Planned[] = [];
  const hanging = new Set<ServerResponse>();
  let baseUrl = '';

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', baseUrl);
    if (request.method === 'GET') {
      const match = url.pathname.match(/^\/assets\/(.+)$/);
      const object = match ? objects.get(decodeURIComponent(match[1]!).replace(/\.[^./]+$/, '')) : undefined;
      if (!object) return json(response, 404, { error: { message: 'not found' } });
      response.writeHead(200, { 'content-type': object.type });
      return response.end(object.bytes);
    }
    const route = url.pathname.match(/^\/v1_1\/([^/]+)\/([^/]+)\/(upload|destroy)$/);
    if (request.method !== 'POST' || !route) return json(response, 404, { error: { message: 'no route' } });
    const [, cloud, resourceType, operation] = route as unknown as [
      string,
      string,
      string,
      'upload' | 'destroy',
    ];
    const body = await readBody(request);
    const form = await new Response(body, {
      headers: { 'content-type': request.headers['content-type'] ?? '' },
    }).formData();
    const fields: Record<string, string> = {};
    let file: RecordedCall['file'];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (name === 'file')
        file = { bytes: Buffer.from(await value.arrayBuffer()), filename: value.name, type: value.type };
    }
    const signatureValid =
      fields.api_key === FAKE_CLOUDINARY.apiKey &&
      fields.signature === cloudinarySignature(fields, FAKE_CLOUDINARY.apiSecret);
    calls.push({ operation, resourceType, fields, signatureValid, ...(file ? { file } : {}) });

    const next = plan.shift();
    if (next?.hang) {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    if (next?.status)
      return json(
        response,
        next.status,
        { error: { message: `planned ${next.status}` } },
        next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {},
      );
    if (cloud !== FAKE_CLOUDINARY.cloudName)
      return json(response, 404, { error: { message: 'unknown cloud' } });
    if (!signatureValid) return json(response, 401, { error: { message: 'Invalid Signature' } });

    const publicId = fields.folder ? `${fields.folder}/${fields.public_id}` : (fields.public_id ?? '');
    if (operation === 'destroy') {
      const existed = objects.delete(fields.public_id ?? '');
      return json(response, 200, { result: existed ? 'ok' : 'not found' });
    }
    if (!file) return json(response, 400, { error: { message: 'Missing required parameter - file' } });
    const type =
      resourceType === 'auto' ? (file.type.startsWith('image/') ? 'image' : 'video') : resourceType;
    objects.set(publicId, { bytes: file.bytes, type: file.type, resourceType: type });
    const format = file.filename.split('.').pop() ?? 'bin';
    return json(response, 200, {
      asset_id: `asset-${publicId}`,
      public_id: publicId,
      version: 1,
      format,
      resource_type: type,
      bytes: file.bytes.length,
      url: `${baseUrl}/assets/${publicId}.${format}`.replace('https:', 'http:'),
      secure_url: `${baseUrl}/assets/${publicId}.${format}`,
      created_at: new Date().toISOString(),
    });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) =>
      json(response, 500, { error: { message: error.message } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    calls,
    objects,
    failNext(status, options = {}) {
      for (let i = 0; i < (options.times ?? 1); i += 1)
        plan.push({
          status,
          ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
        });
    },
    hangNext(times = 1) {
      for (let i = 0; i < times; i += 1) plan.push({ hang: true });
    },
    reset() {
      plan = [];
      calls.length = 0;
      objects.clear();
    },
    env() {
      return {
        CLOUDINARY_CLOUD_NAME: FAKE_CLOUDINARY.cloudName,
        CLOUDINARY_API_KEY: FAKE_CLOUDINARY.apiKey,
        CLOUDINARY_API_SECRET: FAKE_CLOUDINARY.apiSecret,
        CLOUDINARY_BASE_URL: baseUrl,
      };
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
