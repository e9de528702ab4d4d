import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { JPEG, M4A, MP3, multipart, PNG, sized, TEXT, WAV, WEBP } from './media-fixtures';

const MEDIA_BASE = 'http://media.test';

describe('UPLOAD-01 POST /upload (local media store)', () => {
  let t: TestApp;
  let user: TestUser;
  let dirs: { media: string; tmp: string };

  beforeAll(async () => {
    dirs = {
      media: await mkdtemp(join(tmpdir(), 'st-media-')),
      tmp: await mkdtemp(join(tmpdir(), 'st-upload-tmp-')),
    };
    t = await createTestApp({
      env: { MEDIA_LOCAL_DIR: dirs.media, MEDIA_TMP_DIR: dirs.tmp, PUBLIC_MEDIA_BASE_URL: MEDIA_BASE },
    });
    user = await createUser(t.app);
  });
  afterAll(async () => {
    await t.close();
    await rm(dirs.media, { recursive: true, force: true });
    await rm(dirs.tmp, { recursive: true, force: true });
  });

  const upload = async (body: { payload: Buffer; headers: Record<string, string> }, auth = user.auth) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      payload: body.payload,
      headers: { ...body.headers, ...auth },
    });

  it('stores an image in the local store and serves the same bytes under /media/', async () => {
    const res = await upload(
      await multipart({}, { field: 'file', bytes: PNG, type: 'image/png', filename: 'a.png' }),
    );
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data).toMatchObject({ status: 'stored', mediaId: expect.any(String) });
    expect(data.publicId).toBe(`storytime/uploads/${user.id}/${data.mediaId}`);
    expect(data.url).toBe(`${MEDIA_BASE}/media/storytime/uploads/${user.id}/${data.mediaId}.png`);

    const served = await t.app.inject({ method: 'GET', url: data.url.slice(MEDIA_BASE.length) });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(PNG)).toBe(true);

    const row = await t.app.core.db.query.mediaAssets.findFirst({
      where: (m, { eq }) => eq(m.id, data.mediaId),
    });
    expect(row).toMatchObject({
      ownerUserId: user.id,
      kind: 'image',
      mimeType: 'image/png',
      bytes: PNG.length,
      store: 'local',
      status: 'stored',
      localPath: `storytime/uploads/${user.id}/${data.mediaId}.png`,
      folder: `storytime/uploads/${user.id}`,
    });
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Without Cloudinary the local store is final: no transfer job.
    const jobs = await t.app.core.db.query.jobRequests.findMany({
      where: (j, { eq }) => eq(j.userId, user.id),
    });
    expect(jobs.filter((job) => job.kind === 'media_transfer')).toHaveLength(0);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it.each([
    ['image/jpeg', JPEG, 'jpg'],
    ['image/webp', WEBP, 'webp'],
    ['audio/mpeg', MP3, 'mp3'],
    ['audio/wav', WAV, 'wav'],
    ['audio/x-m4a', M4A, 'm4a'],
  ])('accepts %s', async (type, bytes, extension) => {
    const res = await upload(await multipart({}, { field: 'file', bytes, type }));
    expect(res.statusCode).toBe(201);
    expect(res.json().data.url).toMatch(new RegExp(`\\.${extension}$`));
  });

  it('applies the size limit of the kind: a 6 MB audio file passes', async () => {
    const res = await upload(
      await multipart({}, { field: 'file', bytes: sized(MP3, 6 * 1024 * 1024), type: 'audio/mpeg' }),
    );
    expect(res.statusCode).toBe(201);
  });

  it('answers 413 for a 6 MB image, stopping the stream and leaving no staged file', async () => {
    const res = await upload(
      await multipart({}, { field: 'file', bytes: sized(PNG, 6 * 1024 * 1024), type: 'image/png' }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('over a real socket, refuses an oversized upload before it has been sent and closes the connection', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const body = await multipart(
      {},
      { field: 'file', bytes: sized(PNG, 40 * 1024 * 1024), type: 'image/png' },
    );
    let sent = 0;
    const answered = false;
    const answer = await new Promise<{ status?: number; connection?: string; code: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/upload',
            headers: { ...body.headers, ...user.auth, 'content-length': String(body.payload.length) },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () =>
              resolve({
                status: res.statusCode,
                connection: res.headers.connection,
                code: JSON.parse(text).code,
              }),
            );
          },
        );
        // Writing on after the server has answered and closed fails; only an error before the answer counts.
        req.on('error', (error) => {
          if (!answered) reject(error);
        });
        const pump = () => {
          while (sent < body.payload.length) {
            const ok = req.write(body.payload.subarray(sent, sent + 64 * 1024));
            sent += 64 * 1024;
            if (!ok) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      },
    );
    expect(answer).toEqual({ status: 413, connection: 'close', code: 'PAYLOAD_TOO_LARGE' });
    expect(sent).toBeLessThan(body.payload.length);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 415 when the bytes are no accepted format, whatever the declared type', async () => {
    const res = await upload(await multipart({}, { field: 'file', bytes: TEXT, type: 'image/png' }));
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 415 when the declared type disagrees with the bytes', async () => {
    const res = await upload(await multipart({}, { field: 'file', bytes: PNG, type: 'image/jpeg' }));
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 415 for a declared type that is not accepted', async () => {
    const res = await upload(await multipart({}, { field: 'file', bytes: PNG, type: 'application/pdf' }));
    expect(res.statusCode).toBe(415);
  });

  it('answers 415 for a body that is not multipart', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      payload: { file: 'x' },
      headers: user.auth,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 without a file, with the file under another name, or with unknown fields', async () => {
    const none = await upload(await multipart({ name: 'x' }));
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('VALIDATION_ERROR');
    // What a browser form sends when no file was chosen.
    const empty = await upload(
      await multipart(
        {},
        { field: 'file', bytes: Buffer.alloc(0), type: 'application/octet-stream', filename: '' },
      ),
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.fields[0].path).toBe('body.file');
    const renamed = await upload(await multipart({}, { field: 'image', bytes: PNG, type: 'image/png' }));
    expect(renamed.statusCode).toBe(400);
    const extra = await upload(
      await multipart({ folder: '../../etc' }, { field: 'file', bytes: PNG, type: 'image/png' }),
    );
    expect(extra.statusCode).toBe(400);
    expect(extra.json().details.fields[0].path).toBe('body.folder');
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 400 for two files', async () => {
    const res = await upload(
      await multipart(
        {},
        { field: 'file', bytes: PNG, type: 'image/png' },
        { field: 'file', bytes: PNG, type: 'image/png' },
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 413 for more than 10 fields', async () => {
    const fields = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'v']));
    const res = await upload(await multipart(fields, { field: 'file', bytes: PNG, type: 'image/png' }));
    expect(res.statusCode).toBe(413);
  });

  it('answers 400 for a malformed multipart body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      payload: 'not really multipart',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', ...user.auth },
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers 401 without a token', async () => {
    const res = await upload(
      await multipart({}, { field: 'file', bytes: PNG, type: 'image/png' }),
      {} as never,
    );
    expect(res.statusCode).toBe(401);
  });
});
