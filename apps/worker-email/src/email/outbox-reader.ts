import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

export interface OutboxEntry {
  dir: string;
  base: string;
  summary: Record<string, unknown>;
  eml: string;
}

/**
 * Relative outbox paths are tried from the current folder and from where pnpm was invoked
 * (INIT_CWD): `pnpm outbox:last` runs in apps/worker-email, a worker may have run elsewhere.
 */
export function outboxCandidates(dir: string, cwd = process.cwd(), initCwd = process.env.INIT_CWD): string[] {
  if (isAbsolute(dir)) return [dir];
  return [...new Set([resolve(cwd, dir), ...(initCwd ? [resolve(initCwd, dir)] : [])])];
}

/** The newest message across the candidate folders (file names start with an ISO timestamp). */
export async function latestOutboxEntry(dirs: string[]): Promise<OutboxEntry | undefined> {
  let best: { dir: string; name: string } | undefined;
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      if (!best || name > best.name) best = { dir, name };
    }
  }
  if (!best) return undefined;
  const base = best.name.slice(0, -'.json'.length);
  const summary = JSON.parse(await readFile(join(best.dir, best.name), 'utf8')) as Record<string, unknown>;
  const eml = await readFile(join(best.dir, `${base}.eml`), 'utf8');
  return { dir: best.dir, base, summary, eml };
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const text = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The text/plain part of a message written by the outbox mailer (enough MIME for our own files). */
export function plainTextOf(eml: string): string | undefined {
  const parts = eml.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/content-type:\s*text\/plain/i.test(headers)) continue;
    const body = part
      .slice(split)
      .replace(/^\r?\n\r?\n/, '')
      .replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
    return body;
  }
  return undefined;
}
