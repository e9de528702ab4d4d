import { createHash } from 'node:crypto';

/**
 * rules.md §7.4: the narrated text is normalised (Unicode NFC, `\r\n` → `\n`, runs of spaces and tabs →
 * one space, trimmed) and hashed; audio is cached by (story, voice, hash, provider), so edited text never
 * gets old audio (fixes.md 40). Narrate the normalised text so hash and audio always match.
 */
export function normalizeNarrationText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** SHA-256 hex of the normalised narration text. */
export function narrationTextHash(text: string): string {
  return createHash('sha256').update(normalizeNarrationText(text), 'utf8').digest('hex');
}
