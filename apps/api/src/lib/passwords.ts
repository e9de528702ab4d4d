import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/** argon2id with the parameters of platform.md §3 (OWASP's minimum): 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const BCRYPT_PREFIXES = ['$2a$', '$2b$', '$2y$'];

export interface SecretCheck {
  ok: boolean;
  /** A legacy bcrypt value verified: the caller re-hashes it with argon2id in the same request (D11). */
  needsRehash: boolean;
}

/** Hashes a password or PIN (argon2id is the default algorithm of @node-rs/argon2). */
export function hashSecret(plain: string): Promise<string> {
  return hash(plain, ARGON2_OPTIONS);
}

/** Verifies against argon2id or a legacy bcrypt hash from the reference system's database. */
export async function verifySecret(stored: string | null | undefined, plain: string): Promise<SecretCheck> {
  if (!stored) return { ok: false, needsRehash: false };
  if (BCRYPT_PREFIXES.some((prefix) => stored.startsWith(prefix))) {
    const ok = await bcrypt.compare(plain, stored);
    return { ok, needsRehash: ok };
  }
  if (stored.startsWith('$argon2')) {
    try {
      return { ok: await verify(stored, plain), needsRehash: false };
    } catch {
      return { ok: false, needsRehash: false };
    }
  }
  return { ok: false, needsRehash: false };
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check for an unknown email, so response time does not reveal
 * whether an account exists (D12).
 */
export async function burnVerification(plain: string): Promise<void> {
  dummyHash ??= hashSecret('storytime-dummy-password-for-timing');
  await verifySecret(await dummyHash, plain);
}
