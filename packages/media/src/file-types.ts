/**
 * The file types uploads accept (platform.md §9) and how each is recognised from its first bytes.
 * The declared type (the part's Content-Type) must be one of the allowed names and must agree with
 * what the bytes are: a PNG declared as `image/jpeg`, or a text file declared as `image/png`, is
 * refused with 415.
 */

export type MediaKind = 'image' | 'audio';

export interface FileType {
  /** Stable name of the format. */
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'mpeg' | 'wav' | 'mp4' | 'ogg' | 'webm';
  kind: MediaKind;
  /** The MIME type stored with the asset. */
  mimeType: string;
  extension: string;
  /** Declared types (lower-case, parameters removed) that agree with this format. */
  declared: readonly string[];
}

export const FILE_TYPES: readonly FileType[] = [
  { format: 'png', kind: 'image', mimeType: 'image/png', extension: 'png', declared: ['image/png'] },
  {
    format: 'jpeg',
    kind: 'image',
    mimeType: 'image/jpeg',
    extension: 'jpg',
    declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  },
  { format: 'gif', kind: 'image', mimeType: 'image/gif', extension: 'gif', declared: ['image/gif'] },
  { format: 'webp', kind: 'image', mimeType: 'image/webp', extension: 'webp', declared: ['image/webp'] },
  {
    format: 'mpeg',
    kind: 'audio',
    mimeType: 'audio/mpeg',
    extension: 'mp3',
    declared: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3'],
  },
  {
    format: 'wav',
    kind: 'audio',
    mimeType: 'audio/wav',
    extension: 'wav',
    declared: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  },
  {
    format: 'mp4',
    kind: 'audio',
    mimeType: 'audio/mp4',
    extension: 'm4a',
    declared: ['audio/mp4', 'audio/x-m4a', 'audio/m4a'],
  },
  { format: 'ogg', kind: 'audio', mimeType: 'audio/ogg', extension: 'ogg', declared: ['audio/ogg'] },
  { format: 'webm', kind: 'audio', mimeType: 'audio/webm', extension: 'webm', declared: ['audio/webm'] },
];

/** Bytes needed to recognise every format above. */
export const SNIFF_BYTES = 12;

const ascii = (head: Uint8Array, offset: number, text: string): boolean => {
  if (head.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i += 1) if (head[offset + i] !== text.charCodeAt(i)) return false;
  return true;
};

const bytesAt = (head: Uint8Array, offset: number, bytes: number[]): boolean =>
  head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte);

/** MPEG audio frame header: 11 sync bits, a valid version, a layer other than `00` (that is AAC ADTS). */
function isMpegFrame(head: Uint8Array): boolean {
  const [first, second] = [head[0], head[1]];
  if (first !== 0xff || second === undefined) return false;
  const sync = (second & 0xe0) === 0xe0;
  const version = (second >> 3) & 0x03;
  const layer = (second >> 1) & 0x03;
  return sync && version !== 0x01 && layer !== 0x00;
}

function sniffFormat(head: Uint8Array): FileType['format'] | null {
  if (bytesAt(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytesAt(head, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'webp';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 4, 'ftyp')) return 'mp4';
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (bytesAt(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (ascii(head, 0, 'ID3') || isMpegFrame(head)) return 'mpeg';
  return null;
}

/** The file type of the first bytes, or null when they are none of the accepted formats. */
export function sniffFileType(head: Uint8Array): FileType | null {
  const format = sniffFormat(head);
  return format ? (FILE_TYPES.find((type) => type.format === format) ?? null) : null;
}

/** `image/PNG; charset=x` → `image/png`. */
export function normaliseDeclaredType(value: string | undefined): string {
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The kind a declared type announces, when it is an accepted one. */
export function declaredKind(declared: string, kinds: readonly MediaKind[]): MediaKind | null {
  const type = FILE_TYPES.find((candidate) => candidate.declared.includes(declared));
  return type && kinds.includes(type.kind) ? type.kind : null;
}

/** Accepted declared types of the given kinds, for error messages. */
export function acceptedTypes(kinds: readonly MediaKind[]): string[] {
  return FILE_TYPES.filter((type) => kinds.includes(type.kind)).map((type) => type.mimeType);
}
