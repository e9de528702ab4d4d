import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { AppError, PayloadTooLargeError, ValidationError } from '@storytime/errors';
import {
  acceptedTypes,
  declaredKind,
  type FileType,
  type MediaKind,
  normaliseDeclaredType,
  SNIFF_BYTES,
  sniffFileType,
} from '@storytime/media';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';

/**
 * Streaming multipart intake (platform.md §9): one file, at most 10 text fields of at most 64 KB,
 * and a per-route file size enforced while the bytes arrive. The file is written to the staging
 * directory with its SHA-256 computed on the way; nothing is buffered whole in memory.
 */

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const AUDIO_MAX_BYTES = 50 * 1024 * 1024;
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 64 * 1024;

export interface UploadSpec<Fields = Record<string, string>> {
  /** Strict schema of the text fields; failures answer 400 with `body.<field>` paths. */
  fields?: z.ZodType<Fields>;
  /** Form field that carries the file (`file`, `image`). */
  fileField: string;
  kinds: readonly MediaKind[];
  /** Size limit per kind; defaults to 5 MB for images and 50 MB for audio. */
  maxBytes?: Partial<Record<MediaKind, number>>;
  /** Staging directory (`MEDIA_TMP_DIR`, else the OS temp dir). */
  tmpDir?: string | undefined;
}

/** A received file, staged on disk until the media service has stored it. */
export interface UploadedFile {
  path: string;
  filename: string;
  kind: MediaKind;
  mimeType: string;
  extension: string;
  bytes: number;
  sha256: string;
}

export interface MultipartForm<Fields> {
  file: UploadedFile | null;
  /** Text fields, validated by the route's schema. */
  fields: Fields;
}

const staged = new WeakMap<FastifyRequest, Set<string>>();

function limitFor<Fields>(spec: UploadSpec<Fields>, kind: MediaKind): number {
  return spec.maxBytes?.[kind] ?? (kind === 'image' ? IMAGE_MAX_BYTES : AUDIO_MAX_BYTES);
}

/**
 * Registers @fastify/multipart in the calling plugin's scope (only its routes parse multipart)
 * and removes staged files the handler did not consume, whatever the outcome of the request.
 */
async function multipartIntakePlugin(app: FastifyInstance, options: { maxFileBytes: number }) {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: {
      files: 1,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_FIELDS + 2,
      fieldNameSize: 100,
      headerPairs: 100,
      // One byte over the largest limit, so the stream guard below always sees the overflow.
      fileSize: options.maxFileBytes + 1,
    },
  });
  const sweep = async (request: FastifyRequest) => {
    const paths = staged.get(request);
    if (!paths || paths.size === 0) return;
    await Promise.all([...paths].map((path) => rm(path, { force: true }).catch(() => {})));
    paths.clear();
  };
  // An upload refused mid-stream leaves the rest of the body unread on the socket: close the
  // connection after the answer instead of reading (or stalling on) megabytes nobody wants.
  app.addHook('onSend', async (request, reply) => {
    if (request.isMultipart() && !request.raw.readableEnded) reply.header('connection', 'close');
  });
  app.addHook('onResponse', sweep);
  app.addHook('onRequestAbort', sweep);
}

/** Not encapsulated, so the parser and hooks apply to the registering module's routes only. */
export const multipartIntake = fp(multipartIntakePlugin, { fastify: '5.x' });

/** Forgets a staged file once it has been moved or deleted by its consumer. */
export async function discardUpload(file: UploadedFile): Promise<void> {
  await rm(file.path, { force: true });
}

export function unsupportedMediaType(kinds: readonly MediaKind[], message?: string): AppError {
  return new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    message ?? `File type not allowed; accepted: ${acceptedTypes(kinds).join(', ')}`,
    { details: { accepted: acceptedTypes(kinds) } },
  );
}

/** Errors of the multipart parser mapped to the stable codes; malformed bodies are client errors. */
function mapParserError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const { code, syscall } = error as { code?: string; syscall?: string };
  // A failing disk (ENOSPC, EACCES…) is ours, not the client's: let it become a 500.
  if (syscall) return error;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new ValidationError('Only one file may be sent', [{ path: 'body', message: 'one file only' }]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_FIELDS} fields may be sent`);
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'File is too large');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Expected a multipart/form-data body');
    default:
      return new ValidationError('Malformed multipart body', [
        { path: 'body', message: (error as Error).message ?? 'malformed' },
      ]);
  }
}

/**
 * Counts, hashes and sniffs the bytes as they pass: the first bytes must be a format of the
 * declared type, and the stream fails as soon as it passes the limit.
 */
class UploadGuard extends Transform {
  bytes = 0;
  type: FileType | null = null;
  private readonly hash = createHash('sha256');
  private head: Buffer = Buffer.alloc(0);

  constructor(
    private readonly limit: number,
    private readonly declared: string,
    private readonly kinds: readonly MediaKind[],
  ) {
    super();
  }

  sha256 = '';

  private check(): AppError | null {
    const type = sniffFileType(this.head);
    if (!type || !this.kinds.includes(type.kind)) return unsupportedMediaType(this.kinds);
    if (!type.declared.includes(this.declared))
      return unsupportedMediaType(
        this.kinds,
        `File content is ${type.mimeType} but was declared as ${this.declared}`,
      );
    this.type = type;
    return null;
  }

  /** The bytes to pass on, or the error that ends the upload. */
  private accept(chunk: Buffer): Buffer | AppError | null {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return new PayloadTooLargeError(this.limit);
    this.hash.update(chunk);
    if (this.type) return chunk;
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < SNIFF_BYTES) return null;
    const failure = this.check();
    if (failure) return failure;
    const head = this.head;
    this.head = Buffer.alloc(0);
    return head;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const result = this.accept(chunk);
    if (result instanceof AppError) done(result);
    else done(null, result ?? undefined);
  }

  override _flush(done: TransformCallback): void {
    this.sha256 = this.hash.digest('hex');
    if (this.type) done();
    else if (this.head.length === 0)
      done(new ValidationError('The file is empty', [{ path: 'body.file', message: 'empty file' }]));
    else {
      const failure = this.check();
      if (failure) done(failure);
      else done(null, this.head);
    }
  }
}

async function stageFile<Fields>(request: FastifyRequest, part: MultipartFile, spec: UploadSpec<Fields>) {
  const declared = normaliseDeclaredType(part.mimetype);
  const kind = declaredKind(declared, spec.kinds);
  if (!kind) {
    part.file.destroy();
    throw unsupportedMediaType(spec.kinds, `Declared type ${declared || '(none)'} is not allowed`);
  }
  const dir = spec.tmpDir ?? tmpdir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload-${randomUUID()}.part`);
  // Opened before the pipeline, so the file exists (and is removed below) whatever fails first.
  const handle = await open(path, 'wx');
  let paths = staged.get(request);
  if (!paths) {
    paths = new Set();
    staged.set(request, paths);
  }
  paths.add(path);
  const guard = new UploadGuard(limitFor(spec, kind), declared, [kind]);
  try {
    await pipeline(part.file, guard, handle.createWriteStream());
    if (part.file.truncated) throw new PayloadTooLargeError(limitFor(spec, kind));
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(path, { force: true });
    paths.delete(path);
    throw error;
  }
  const type = guard.type!;
  return {
    path,
    filename: part.filename,
    kind: type.kind,
    mimeType: type.mimeType,
    extension: type.extension,
    bytes: guard.bytes,
    sha256: guard.sha256,
  } satisfies UploadedFile;
}

/**
 * Reads a multipart request: text fields in any order around one file in `spec.fileField`. A
 * file under another name, a second file, a repeated or oversized field is refused.
 */
export async function readMultipart<Fields = Record<string, string>>(
  request: FastifyRequest,
  spec: UploadSpec<Fields>,
): Promise<MultipartForm<Fields>> {
  if (!request.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Expected a multipart/form-data body');
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  const maxBytes = Math.max(...spec.kinds.map((kind) => limitFor(spec, kind)));
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes + 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== spec.fileField) {
          part.file.destroy();
          throw new ValidationError(`Unexpected file field ${part.fieldname}`, [
            { path: `body.${part.fieldname}`, message: `the file must be sent as ${spec.fileField}` },
          ]);
        }
        // A browser form with no file chosen still sends an empty, nameless part: no file.
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        file = await stageFile(request, part, spec);
        continue;
      }
      if (part.fieldnameTruncated || part.valueTruncated)
        throw new AppError('PAYLOAD_TOO_LARGE', `Field ${part.fieldname} exceeds ${MAX_FIELD_BYTES} bytes`);
      if (Object.hasOwn(fields, part.fieldname))
        throw new ValidationError('Each field may be sent once', [
          { path: `body.${part.fieldname}`, message: 'repeated field' },
        ]);
      fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
    }
  } catch (error) {
    if (file) await discardUpload(file);
    throw mapParserError(error);
  }
  if (!spec.fields) return { file, fields: fields as Fields };
  const parsed = spec.fields.safeParse(fields);
  if (parsed.success) return { file, fields: parsed.data };
  if (file) await discardUpload(file);
  throw fieldsError(parsed.error);
}

/** The same 400 shape as the JSON body validation of the error handler. */
export function fieldsError(error: z.ZodError): ValidationError {
  return new ValidationError(
    'Request validation failed',
    error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = ['body', ...issue.path.map(String), ...keys.slice(0, 1)].join('.');
      return { path, message: issue.message };
    }),
  );
}
