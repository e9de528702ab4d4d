import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/**
 * A local stand-in for Google's and Apple's sign-in endpoints (providers.md §9.4) on 127.0.0.1: JWKS
 * documents, Google's authorization endpoint and token endpoint. Tests sign id_tokens with the
 * private key that matches the served JWKS and vary the claims.
 */

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenReply {
  status: number;
  body: unknown;
}

export interface FakeIdp {
  baseUrl: string;
  googleJwksUrl: string;
  appleJwksUrl: string;
  authUrl: string;
  tokenUrl: string;
  /** Form bodies received by the token endpoint. */
  tokenRequests: Array<Record<string, string>>;
  jwksRequests: { google: number; apple: number };
  /** What the token endpoint answers next (default: 400 invalid_grant). */
  onToken: (form: Record<string, string>) => TokenReply | Promise<TokenReply>;
  /** Headers added to JWKS answers (e.g. Cache-Control). */
  jwksHeaders: Record<string, string>;
  /** Keys served by the JWKS endpoints; add one to simulate a key rotation. */
  servedKeys: JWK[];
  /** Answer 503 on the JWKS endpoints (provider outage). */
  jwksDown: boolean;
  sign(claims: JWTPayload, options?: { kid?: string; key?: PrivateKey; alg?: string }): Promise<string>;
  /** A second key pair whose public half is not served (for bad signatures and rotation). */
  rogue: { kid: string; privateKey: PrivateKey; publicJwk: JWK };
  close(): Promise<void>;
}

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeIdp(): Promise<FakeIdp> {
  const main = await keyPair('main-key');
  const rogue = await keyPair('rogue-key');
  const idp = {
    tokenRequests: [] as Array<Record<string, string>>,
    jwksRequests: { google: 0, apple: 0 },
    onToken: (() => ({ status: 400, body: { error: 'invalid_grant' } })) as FakeIdp['onToken'],
    jwksHeaders: {} as Record<string, string>,
    servedKeys: [main.publicJwk] as JWK[],
    jwksDown: false,
  };

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/google/certs' || path === '/apple/keys') {
      idp.jwksRequests[path === '/google/certs' ? 'google' : 'apple'] += 1;
      if (idp.jwksDown) return send(response, 503, { error: 'unavailable' });
      return send(response, 200, { keys: idp.servedKeys }, idp.jwksHeaders);
    }
    if (path === '/token' && request.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
      idp.tokenRequests.push(form);
      const reply = await idp.onToken(form);
      return send(response, reply.status, reply.body);
    }
    if (path === '/auth') return send(response, 200, { page: 'consent' });
    return send(response, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(idp, {
    baseUrl,
    googleJwksUrl: `${baseUrl}/google/certs`,
    appleJwksUrl: `${baseUrl}/apple/keys`,
    authUrl: `${baseUrl}/auth`,
    tokenUrl: `${baseUrl}/token`,
    rogue,
    async sign(claims: JWTPayload, options: { kid?: string; key?: PrivateKey; alg?: string } = {}) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: nowSeconds, exp: nowSeconds + 3600, ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? main.kid, typ: 'JWT' })
        .sign(options.key ?? main.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
