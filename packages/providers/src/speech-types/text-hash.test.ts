import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { narrationTextHash, normalizeNarrationText } from './text-hash';

describe('narration text hash (rules.md §7.4)', () => {
  it('normalises NFC, line endings, spaces and tabs, and trims; newlines stay', () => {
    expect(normalizeNarrationText('  Cafe\u0301 \t time.\r\n\r\nThe  end.\t ')).toBe(
      'Café time.\n\nThe end.',
    );
  });

  it('hashes the normalised text as SHA-256 hex', () => {
    const expected = createHash('sha256').update('Café time.\n\nThe end.').digest('hex');
    expect(narrationTextHash('Cafe\u0301   time.\r\n\r\nThe end. ')).toBe(expected);
    expect(narrationTextHash('The end.')).not.toBe(narrationTextHash('The End.'));
  });
});
