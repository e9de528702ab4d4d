/** RIFF/WAVE PCM reading and writing for the local voice (providers.md §4). */

export interface PcmFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

export interface ParsedWav extends PcmFormat {
  /** The sample bytes of the `data` chunk. */
  pcm: Buffer;
}

/** Parses a PCM WAV file chunk by chunk; throws on anything else. */
export function parseWav(buf: Buffer): ParsedWav {
  if (
    buf.length < 12 ||
    buf.toString('latin1', 0, 4) !== 'RIFF' ||
    buf.toString('latin1', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a RIFF/WAVE file');
  }
  let format: PcmFormat | undefined;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('latin1', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const start = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || start + 16 > buf.length) throw new Error('truncated fmt chunk');
      if (buf.readUInt16LE(start) !== 1) throw new Error('not integer PCM');
      format = {
        channels: buf.readUInt16LE(start + 2),
        sampleRate: buf.readUInt32LE(start + 4),
        bitsPerSample: buf.readUInt16LE(start + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('data chunk before fmt chunk');
      // A streaming writer may leave the size unset (0xFFFFFFFF): the data then runs to the end.
      const end = Math.min(buf.length, start + size);
      return { ...format, pcm: buf.subarray(start, end) };
    }
    offset = start + size + (size % 2);
  }
  throw new Error('no data chunk');
}

/** A canonical 44-byte-header PCM WAV around `pcm`. */
export function encodeWav(pcm: Buffer, format: PcmFormat): Buffer {
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

export function wavDurationMs(pcmBytes: number, format: PcmFormat): number {
  const bytesPerSecond = (format.sampleRate * format.channels * format.bitsPerSample) / 8;
  return Math.round((pcmBytes / bytesPerSecond) * 1000);
}
