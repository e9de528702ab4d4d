/**
 * Just enough MPEG audio parsing to join the MP3 answers of a chunked synthesis into one clean stream
 * and to measure its duration. MP3 frames are self-delimiting, so consecutive streams concatenate;
 * only per-file metadata has to go: ID3 tags and the Xing/Info/VBRI header frame, whose frame count
 * would describe the first part alone.
 */

interface FrameHeader {
  length: number;
  samples: number;
  sampleRate: number;
  /** Offset of the Xing/Info tag inside the frame (after the side information). */
  sideInfoEnd: number;
}

const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8_000],
};

/** Parses a Layer III frame header at `offset`; undefined when the bytes are not one. */
function frameAt(buf: Buffer, offset: number): FrameHeader | undefined {
  if (offset + 4 > buf.length) return undefined;
  const b1 = buf[offset + 1]!;
  const b2 = buf[offset + 2]!;
  const b3 = buf[offset + 3]!;
  if (buf[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  if (version === 1 || layer !== 1) return undefined;
  const mpeg1 = version === 3;
  const bitrate = (mpeg1 ? BITRATES_V1_L3 : BITRATES_V2_L3)[(b2 >> 4) & 0x0f];
  const sampleRate = SAMPLE_RATES[version]?.[(b2 >> 2) & 0x03];
  if (!bitrate || !sampleRate) return undefined;
  const padding = (b2 >> 1) & 0x01;
  const mono = ((b3 >> 6) & 0x03) === 3;
  const length = Math.floor(((mpeg1 ? 144 : 72) * bitrate * 1000) / sampleRate) + padding;
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  return { length, samples: mpeg1 ? 1152 : 576, sampleRate, sideInfoEnd: 4 + sideInfo };
}

/** Size of a leading ID3v2 tag (0 when none). */
function id3v2Length(buf: Buffer): number {
  if (buf.length < 10 || buf.toString('latin1', 0, 3) !== 'ID3') return 0;
  const size =
    ((buf[6]! & 0x7f) << 21) | ((buf[7]! & 0x7f) << 14) | ((buf[8]! & 0x7f) << 7) | (buf[9]! & 0x7f);
  const footer = (buf[5]! & 0x10) !== 0 ? 10 : 0;
  return Math.min(buf.length, 10 + size + footer);
}

/** Frames of a stream (skipping an ID3v2 tag and any garbage between frames). */
function* frames(buf: Buffer): Generator<FrameHeader & { offset: number }> {
  let offset = id3v2Length(buf);
  while (offset + 4 <= buf.length) {
    const frame = frameAt(buf, offset);
    if (frame && offset + frame.length <= buf.length) {
      yield { ...frame, offset };
      offset += frame.length;
    } else {
      offset += 1;
    }
  }
}

function isInfoFrame(buf: Buffer, frame: FrameHeader & { offset: number }): boolean {
  const tagAt = (at: number) => buf.toString('latin1', frame.offset + at, frame.offset + at + 4);
  const tag = tagAt(frame.sideInfoEnd);
  return tag === 'Xing' || tag === 'Info' || tagAt(36) === 'VBRI';
}

/** Audio frames only: without the ID3 tags and the Xing/Info/VBRI header frame. */
function audioOnly(buf: Buffer): Buffer {
  const all = [...frames(buf)];
  const first = all[0];
  if (!first) return Buffer.alloc(0);
  const start = isInfoFrame(buf, first) ? (all[1]?.offset ?? buf.length) : first.offset;
  const last = all[all.length - 1]!;
  return buf.subarray(start, last.offset + last.length);
}

/**
 * Joins MP3 parts in order. One part is returned untouched; several keep the first part's ID3v2 tag
 * and only the audio frames of every part.
 */
export function concatMp3(parts: readonly Buffer[]): Buffer {
  if (parts.length === 1) return parts[0]!;
  const head = parts[0] ? parts[0].subarray(0, id3v2Length(parts[0])) : Buffer.alloc(0);
  return Buffer.concat([head, ...parts.map(audioOnly)]);
}

/** Playing time of an MP3 stream from its frames; undefined when no frame is found. */
export function mp3DurationMs(buf: Buffer): number | undefined {
  let seconds = 0;
  let count = 0;
  for (const frame of frames(buf)) {
    if (count === 0 && isInfoFrame(buf, frame)) {
      count += 1;
      continue;
    }
    seconds += frame.samples / frame.sampleRate;
    count += 1;
  }
  return count === 0 ? undefined : Math.round(seconds * 1000);
}

/**
 * A valid MP3 of `frameCount` silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono): zero side
 * information decodes to silence. `marker` is written into each frame's ancillary bytes, which decoders
 * ignore, so tests can tell parts apart. Used by the fake servers.
 */
export function silentMp3(frameCount: number, marker = ''): Buffer {
  const frameLength = 417;
  const frame = Buffer.alloc(frameLength);
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  frame.write(marker.slice(0, frameLength - 64), 64, 'latin1');
  return Buffer.concat(Array.from({ length: frameCount }, () => frame));
}

/** The `marker`s written by `silentMp3`, one per frame, in stream order (for tests). */
export function mp3Markers(buf: Buffer): string[] {
  return [...frames(buf)].map((frame) => {
    const bytes = buf.subarray(frame.offset + 64, frame.offset + frame.length);
    const end = bytes.indexOf(0);
    return bytes.toString('latin1', 0, end === -1 ? bytes.length : end);
  });
}
