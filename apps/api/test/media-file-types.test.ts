import { declaredKind, normaliseDeclaredType, sniffFileType } from '@storytime/media';
import { describe, expect, it } from 'vitest';
import { GIF, JPEG, M4A, MP3, MP3_FRAME, OGG, PNG, TEXT, WAV, WEBM, WEBP } from './media-fixtures';

describe('file type sniffing', () => {
  it.each([
    ['png', PNG],
    ['jpeg', JPEG],
    ['gif', GIF],
    ['webp', WEBP],
    ['mpeg', MP3],
    ['mpeg', MP3_FRAME],
    ['wav', WAV],
    ['mp4', M4A],
    ['ogg', OGG],
    ['webm', WEBM],
  ])('recognises %s from its first bytes', (format, bytes) => {
    expect(sniffFileType(bytes)?.format).toBe(format);
  });

  it('recognises nothing in text, an AAC ADTS header or a RIFF of another kind', () => {
    expect(sniffFileType(TEXT)).toBeNull();
    expect(sniffFileType(Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBeNull();
    expect(sniffFileType(Buffer.from('RIFF\0\0\0\0AVI LIST'))).toBeNull();
    expect(sniffFileType(Buffer.alloc(0))).toBeNull();
  });

  it('normalises declared types and maps them to allowed kinds', () => {
    expect(normaliseDeclaredType('Image/PNG; charset=binary')).toBe('image/png');
    expect(declaredKind('audio/x-m4a', ['image', 'audio'])).toBe('audio');
    expect(declaredKind('audio/mpeg', ['image'])).toBeNull();
    expect(declaredKind('application/octet-stream', ['image', 'audio'])).toBeNull();
  });
});
