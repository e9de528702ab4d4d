import { describe, expect, it } from 'vitest';
import { concatMp3, mp3DurationMs, mp3Markers, silentMp3 } from './mp3';

/** An ID3v2.4 tag of `size` payload bytes. */
function id3(size: number): Buffer {
  const tag = Buffer.alloc(10 + size);
  tag.write('ID3', 0, 'latin1');
  tag.set([4, 0, 0], 3);
  tag.set([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], 6);
  return tag;
}

/** A Xing header frame (mono MPEG-1: the tag sits after 4 + 17 bytes). */
function xingFrame(): Buffer {
  const frame = silentMp3(1, 'xing');
  frame.write('Xing', 21, 'latin1');
  return frame;
}

describe('concatMp3', () => {
  it('joins the audio frames of every part in order', () => {
    const joined = concatMp3([silentMp3(2, 'a'), silentMp3(3, 'b'), silentMp3(1, 'c')]);
    expect(mp3Markers(joined)).toEqual(['a', 'a', 'b', 'b', 'b', 'c']);
    expect(mp3DurationMs(joined)).toBe(Math.round((6 * 1152 * 1000) / 44_100));
  });

  it('keeps the first ID3 tag and drops the others, the Xing frames and ID3v1 trailers', () => {
    const trailer = Buffer.concat([Buffer.from('TAG', 'latin1'), Buffer.alloc(125)]);
    const first = Buffer.concat([id3(20), xingFrame(), silentMp3(2, 'a'), trailer]);
    const second = Buffer.concat([id3(30), xingFrame(), silentMp3(2, 'b')]);
    const joined = concatMp3([first, second]);
    expect(joined.subarray(0, 30).equals(id3(20))).toBe(true);
    expect(mp3Markers(joined)).toEqual(['a', 'a', 'b', 'b']);
    expect(joined.length).toBe(30 + 4 * 417);
    expect(joined.indexOf('ID3', 3)).toBe(-1);
    expect(joined.indexOf('TAG')).toBe(-1);
  });

  it('returns a single part untouched', () => {
    const only = Buffer.concat([id3(5), xingFrame(), silentMp3(1, 'a')]);
    expect(concatMp3([only])).toBe(only);
  });
});

describe('mp3DurationMs', () => {
  it('counts frames, skipping the Xing frame, and is undefined for non-MP3 bytes', () => {
    expect(mp3DurationMs(Buffer.concat([xingFrame(), silentMp3(10)]))).toBe(261);
    expect(mp3DurationMs(Buffer.from('<html>oops</html>'))).toBeUndefined();
    expect(mp3DurationMs(Buffer.alloc(0))).toBeUndefined();
  });
});
