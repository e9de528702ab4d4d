import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import type { TestApp } from './helpers';
import { multipart, PNG } from './media-fixtures';

/**
 * The authorization matrix runner: for each route, no token → 401, another parent's resource →
 * 404, a parent on an admin route → 403, the rightful caller → its success status, and a public
 * route answers without a token. A completeness check compares the rows with the OpenAPI paths of
 * the covered modules, so a new route without a row fails the suite.
 */

export type Access = 'public' | 'session' | 'owner' | 'owner-or-admin' | 'admin';

export interface MatrixUsers {
  /** The owner of the resources the rows name. */
  a: TestUser;
  /** Another parent: must get 404 for A's resources. */
  b: TestUser;
  admin: TestUser;
  /** Passed as `as` to request builders in the refusal cases, so their preparation never touches A. */
  scratch: TestUser;
}

export interface MatrixRequest {
  url: string;
  body?: unknown;
  multipart?: { fields: Record<string, string>; field: string };
}

export interface MatrixRow<C extends MatrixUsers> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI-style path, for the completeness check. */
  path: string;
  access: Access;
  /** The request the rightful caller (`as`) makes; destructive rows prepare fresh rows here. */
  request: (c: C, as: TestUser) => Promise<MatrixRequest> | MatrixRequest;
  ok: number;
}

export async function callRow(
  t: TestApp,
  method: MatrixRow<MatrixUsers>['method'],
  request: MatrixRequest,
  as: TestUser | null,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = as ? { ...as.auth } : {};
  if (request.multipart) {
    const body = await multipart(request.multipart.fields, {
      field: request.multipart.field,
      bytes: PNG,
      type: 'image/png',
      filename: 'a.png',
    });
    return t.app.inject({
      method,
      url: `/api/v1${request.url}`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  }
  return t.app.inject({
    method,
    url: `/api/v1${request.url}`,
    headers,
    ...(request.body === undefined ? {} : { payload: request.body as object }),
  });
}

export interface MatrixOptions<C extends MatrixUsers> {
  title: string;
  rows: MatrixRow<C>[];
  /** Path prefixes (without /api/v1) whose every route must have a row. */
  coveredPrefixes: string[];
  /** Routes under those prefixes that another matrix covers. */
  excluded?: string[];
  /** Rows that would consume parent A (sign-out, deletion): they run as a fresh parent instead. */
  destructive?: string[];
  app: () => TestApp;
  context: () => C;
}

export function describeMatrix<C extends MatrixUsers>(options: MatrixOptions<C>): void {
  const { rows } = options;
  const key = (row: MatrixRow<C>) => `${row.method} ${row.path}`;

  describe(options.title, () => {
    it('has a row for every route of the covered modules', async () => {
      const t = options.app();
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const registered = Object.entries(doc.paths)
        .filter(([path]) => options.coveredPrefixes.some((prefix) => path.startsWith(`/api/v1${prefix}`)))
        .flatMap(([path, ops]) =>
          Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.slice('/api/v1'.length)}`),
        )
        .filter((route) => !options.excluded?.includes(route));
      const inMatrix = new Set(rows.map(key));
      expect(registered.filter((route) => !inMatrix.has(route))).toEqual([]);
      expect([...inMatrix].filter((route) => !registered.includes(route))).toEqual([]);
    });

    describe.each(rows.filter((row) => row.access !== 'public').map((row) => [key(row), row] as const))(
      '%s',
      (_name, row) => {
        it('answers 401 without a token', async () => {
          const c = options.context();
          const res = await callRow(options.app(), row.method, await row.request(c, c.scratch), null);
          expect(res.statusCode).toBe(401);
          expect(res.json().code).toBe('AUTH_INVALID_TOKEN');
        });

        if (row.access === 'owner' || row.access === 'owner-or-admin') {
          it("answers 404 to another parent for the owner's resource", async () => {
            const c = options.context();
            const res = await callRow(options.app(), row.method, await row.request(c, c.scratch), c.b);
            expect(res.statusCode, res.body).toBe(404);
            expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
          });
        }

        if (row.access === 'admin') {
          it('answers 403 to a parent', async () => {
            const c = options.context();
            const res = await callRow(options.app(), row.method, await row.request(c, c.scratch), c.a);
            expect(res.statusCode).toBe(403);
            expect(res.json().code).toBe('FORBIDDEN');
          });
        }

        it('lets the rightful caller through', async () => {
          const c = options.context();
          const t = options.app();
          const owned = row.access === 'owner' || row.access === 'owner-or-admin';
          // Owner rows act on parent A's resources, so A is the rightful caller there.
          const caller = row.access === 'admin' ? c.admin : owned ? c.a : await createUser(t.app);
          const effective =
            options.destructive?.includes(key(row)) && caller === c.a ? await createUser(t.app) : caller;
          const request = await row.request(effective === caller ? c : { ...c, a: effective }, effective);
          const res = await callRow(t, row.method, request, effective);
          expect(res.statusCode, res.body).toBe(row.ok);
        });
      },
    );

    describe.each(rows.filter((row) => row.access === 'public').map((row) => [key(row), row] as const))(
      '%s (public)',
      (_name, row) => {
        it('needs no token', async () => {
          const c = options.context();
          const res = await callRow(options.app(), row.method, await row.request(c, c.scratch), null);
          expect(res.statusCode, res.body).toBe(row.ok);
        });
      },
    );
  });
}
