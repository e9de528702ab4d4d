#!/usr/bin/env node
/**
 * Regenerates the seed images (system avatars, story buddies, badge icons) as small RGBA PNG files.
 * Deterministic, dependency-free: only node:fs and node:zlib.
 *
 *   node packages/db/seed-assets/generate-images.mjs
 *
 * Output (relative to this file): avatars/avatar-1.png … avatar-15.png, buddies/lumina.png, buddies/zylo.png,
 * badges/<key>.png. All images are 128×128 with a transparent background.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
/** Supersampling grid per pixel axis (anti-aliasing). */
const SAMPLES = 4;

// ---------------------------------------------------------------------------------------------------------------
// PNG encoding
// ---------------------------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major) as a PNG: signature, IHDR, IDAT, IEND. */
function encodePng(width, height, rgba) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Tiny rasteriser: shapes are predicates (x, y) => boolean in pixel coordinates.
// ---------------------------------------------------------------------------------------------------------------

class Canvas {
  constructor(size) {
    this.size = size;
    this.pixels = new Uint8Array(size * size * 4);
  }

  /** Paints `shape` with `color` ([r, g, b] or [r, g, b, a], 0–255) using source-over compositing. */
  fill(shape, color) {
    const [r, g, b, a = 255] = color;
    const step = 1 / SAMPLES;
    for (let py = 0; py < this.size; py++) {
      for (let px = 0; px < this.size; px++) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (shape(px + (sx + 0.5) * step, py + (sy + 0.5) * step)) hits++;
          }
        }
        if (hits === 0) continue;
        const srcA = (a / 255) * (hits / (SAMPLES * SAMPLES));
        const i = (py * this.size + px) * 4;
        const dstA = this.pixels[i + 3] / 255;
        const outA = srcA + dstA * (1 - srcA);
        const blend = (src, dst) => Math.round((src * srcA + dst * dstA * (1 - srcA)) / outA);
        this.pixels[i] = blend(r, this.pixels[i]);
        this.pixels[i + 1] = blend(g, this.pixels[i + 1]);
        this.pixels[i + 2] = blend(b, this.pixels[i + 2]);
        this.pixels[i + 3] = Math.round(outA * 255);
      }
    }
    return this;
  }

  toPng() {
    return encodePng(this.size, this.size, this.pixels);
  }
}

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
};
/** Thick line segment with round caps. */
const line = (x0, y0, x1, y1, width) => (x, y) => {
  const vx = x1 - x0;
  const vy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * vx + (y - y0) * vy) / (vx * vx + vy * vy || 1)));
  return (x - (x0 + t * vx)) ** 2 + (y - (y0 + t * vy)) ** 2 <= (width / 2) ** 2;
};
/** Even-odd point-in-polygon. */
const polygon = (points) => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const star = (cx, cy, outer, inner, spikes, rotation = -Math.PI / 2) =>
  polygon(
    Array.from({ length: spikes * 2 }, (_, i) => {
      const radius = i % 2 === 0 ? outer : inner;
      const angle = rotation + (i * Math.PI) / spikes;
      return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
    }),
  );
const and =
  (...shapes) =>
  (x, y) =>
    shapes.every((shape) => shape(x, y));
const not = (shape) => (x, y) => !shape(x, y);
const ring = (cx, cy, r0, r1) => and(circle(cx, cy, r1), not(circle(cx, cy, r0)));
/** Lower half of a ring: a smile. */
const smile = (cx, cy, r, width) =>
  and(ring(cx, cy, r - width / 2, r + width / 2), (_x, y) => y > cy + r * 0.3);

const hex = (value) => [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16));
function hsl(h, s, l) {
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

const WHITE = [255, 255, 255];
const INK = hex('#22223B');
const C = SIZE / 2;

// ---------------------------------------------------------------------------------------------------------------
// Avatars: a coloured round face with a different "creature" variant per index.
// ---------------------------------------------------------------------------------------------------------------

function drawAvatar(n) {
  const hue = ((n - 1) * 24) % 360;
  const base = hsl(hue, 0.65, 0.6);
  const dark = hsl(hue, 0.6, 0.38);
  const light = hsl(hue, 0.7, 0.8);
  const canvas = new Canvas(SIZE);
  const variant = (n - 1) % 5;

  // Ears / accessories behind the head.
  if (variant === 0) {
    canvas.fill(circle(30, 30, 17), dark).fill(circle(98, 30, 17), dark);
    canvas.fill(circle(30, 30, 9), light).fill(circle(98, 30, 9), light);
  } else if (variant === 1) {
    canvas
      .fill(
        polygon([
          [18, 8],
          [52, 26],
          [24, 52],
        ]),
        dark,
      )
      .fill(
        polygon([
          [110, 8],
          [76, 26],
          [104, 52],
        ]),
        dark,
      );
  } else if (variant === 2) {
    canvas.fill(line(50, 30, 38, 6, 4), dark).fill(line(78, 30, 90, 6, 4), dark);
    canvas.fill(circle(38, 6, 6), light).fill(circle(90, 6, 6), light);
  } else if (variant === 3) {
    canvas.fill(ellipse(42, 25, 10, 22), dark).fill(ellipse(86, 25, 10, 22), dark);
    canvas.fill(ellipse(42, 27, 5, 15), light).fill(ellipse(86, 27, 5, 15), light);
  }

  canvas.fill(circle(C, 68, 54), dark).fill(circle(C, 68, 50), base);

  if (variant === 4) {
    // Tuft of hair.
    canvas.fill(and(circle(C, 68, 50), rect(0, 0, SIZE, 34)), dark);
    canvas
      .fill(circle(C - 14, 24, 8), dark)
      .fill(circle(C + 2, 20, 9), dark)
      .fill(circle(C + 16, 25, 7), dark);
  }

  // Cheeks, eyes, nose and smile.
  canvas.fill(circle(36, 82, 7), [...hsl((hue + 330) % 360, 0.8, 0.75), 150]);
  canvas.fill(circle(92, 82, 7), [...hsl((hue + 330) % 360, 0.8, 0.75), 150]);
  canvas.fill(circle(48, 62, 10), WHITE).fill(circle(80, 62, 10), WHITE);
  canvas.fill(circle(50, 64, 5), INK).fill(circle(82, 64, 5), INK);
  canvas.fill(circle(52, 61, 1.8), WHITE).fill(circle(84, 61, 1.8), WHITE);
  canvas.fill(ellipse(C, 76, 4, 3), dark);
  canvas.fill(smile(C, 74, 16, 4), INK);
  return canvas;
}

// ---------------------------------------------------------------------------------------------------------------
// Story buddies
// ---------------------------------------------------------------------------------------------------------------

function drawLumina() {
  const body = hex('#4FC3F7');
  const dark = hex('#0288D1');
  const glow = hex('#FFD54F');
  const canvas = new Canvas(SIZE);
  canvas.fill(line(C, 24, C, 10, 4), dark).fill(circle(C, 9, 7), glow);
  canvas.fill(roundRect(14, 42, 26, 66, 4), dark).fill(roundRect(102, 42, 114, 66, 4), dark);
  canvas.fill(roundRect(22, 22, 106, 86, 18), dark).fill(roundRect(25, 25, 103, 83, 15), body);
  canvas.fill(circle(46, 50, 12), WHITE).fill(circle(82, 50, 12), WHITE);
  canvas.fill(circle(46, 51, 6), INK).fill(circle(82, 51, 6), INK);
  canvas.fill(circle(48, 48, 2), WHITE).fill(circle(84, 48, 2), WHITE);
  canvas.fill(roundRect(46, 67, 82, 76, 4), INK);
  for (const x of [54, 64, 74]) canvas.fill(rect(x - 1, 68, x + 1, 75), body);
  canvas.fill(roundRect(34, 90, 94, 126, 10), dark).fill(roundRect(37, 93, 91, 123, 8), body);
  canvas.fill(circle(C, 108, 10), [...glow, 110]).fill(circle(C, 108, 6), glow);
  return canvas;
}

function drawZylo() {
  const skin = hex('#8BC34A');
  const dark = hex('#558B2F');
  const antenna = hex('#AB47BC');
  const canvas = new Canvas(SIZE);
  canvas.fill(line(44, 28, 30, 8, 4), dark).fill(line(84, 28, 98, 8, 4), dark);
  canvas.fill(circle(30, 8, 7), antenna).fill(circle(98, 8, 7), antenna);
  canvas.fill(ellipse(C, 116, 30, 16), dark).fill(ellipse(C, 118, 26, 13), skin);
  canvas.fill(ellipse(C, 60, 48, 44), dark).fill(ellipse(C, 60, 45, 41), skin);
  for (const [x, y, r] of [
    [40, 54, 10],
    [C, 42, 12],
    [88, 54, 10],
  ]) {
    canvas
      .fill(circle(x, y, r), WHITE)
      .fill(circle(x, y + 1, r / 2), INK)
      .fill(circle(x + 2, y - 2, r / 6), WHITE);
  }
  canvas.fill(smile(C, 66, 18, 5), INK);
  canvas.fill(circle(30, 76, 6), [...hex('#F48FB1'), 160]).fill(circle(98, 76, 6), [...hex('#F48FB1'), 160]);
  return canvas;
}

// ---------------------------------------------------------------------------------------------------------------
// Badges: a medal with a symbol.
// ---------------------------------------------------------------------------------------------------------------

function medal(color) {
  const base = hex(color);
  const rim = base.map((v) => Math.round(v * 0.7));
  return new Canvas(SIZE)
    .fill(circle(C, C, 60), rim)
    .fill(circle(C, C, 53), base)
    .fill(ring(C, C, 47, 49), [...WHITE, 90]);
}

const BADGE_ICONS = {
  first_story: () => {
    // Open book.
    const canvas = medal('#43A047');
    canvas.fill(
      polygon([
        [30, 44],
        [62, 50],
        [62, 90],
        [30, 84],
      ]),
      WHITE,
    );
    canvas.fill(
      polygon([
        [98, 44],
        [66, 50],
        [66, 90],
        [98, 84],
      ]),
      WHITE,
    );
    for (const y of [58, 66, 74]) {
      canvas
        .fill(line(36, y - 6, 56, y - 2, 2), hex('#A5D6A7'))
        .fill(line(72, y - 2, 92, y - 6, 2), hex('#A5D6A7'));
    }
    return canvas;
  },
  story_explorer: () => {
    // Compass rose.
    const canvas = medal('#1E88E5');
    canvas.fill(star(C, C, 40, 9, 4), WHITE).fill(star(C, C, 22, 6, 4, -Math.PI / 4), hex('#90CAF9'));
    return canvas.fill(circle(C, C, 6), hex('#0D47A1'));
  },
  story_master: () => {
    // Crown.
    const canvas = medal('#8E24AA');
    const gold = hex('#FFD54F');
    canvas.fill(
      polygon([
        [30, 84],
        [30, 46],
        [47, 64],
        [64, 38],
        [81, 64],
        [98, 46],
        [98, 84],
      ]),
      gold,
    );
    canvas.fill(rect(30, 86, 98, 94), gold);
    for (const [x, y] of [
      [30, 44],
      [64, 36],
      [98, 44],
    ]) {
      canvas.fill(circle(x, y, 5), gold);
    }
    return canvas.fill(circle(C, 72, 5), hex('#E53935'));
  },
  challenge_champion: () => {
    // Trophy.
    const canvas = medal('#FB8C00');
    canvas.fill(ring(38, 50, 7, 12), WHITE).fill(ring(90, 50, 7, 12), WHITE);
    canvas.fill(and(circle(C, 44, 28), rect(0, 44, SIZE, SIZE)), WHITE).fill(rect(36, 32, 92, 44), WHITE);
    canvas.fill(rect(59, 70, 69, 86), WHITE).fill(roundRect(44, 86, 84, 96, 3), WHITE);
    return canvas.fill(star(C, 50, 10, 4, 5), hex('#FB8C00'));
  },
  week_warrior: () => {
    // Flame.
    const canvas = medal('#E53935');
    canvas.fill(
      polygon([
        [C, 22],
        [86, 56],
        [92, 80],
        [82, 98],
        [C, 106],
        [46, 98],
        [36, 80],
        [42, 58],
        [52, 66],
      ]),
      hex('#FFCC80'),
    );
    canvas.fill(
      polygon([
        [C, 56],
        [78, 80],
        [74, 96],
        [C, 102],
        [54, 96],
        [50, 80],
      ]),
      hex('#FFF3E0'),
    );
    return canvas;
  },
  early_bird: () => {
    // Rising sun.
    const canvas = medal('#FDD835');
    const orange = hex('#F57C00');
    for (let i = 0; i < 8; i++) {
      const angle = (i * Math.PI) / 4;
      const x0 = C + 24 * Math.cos(angle);
      const y0 = C + 24 * Math.sin(angle);
      canvas.fill(line(x0, y0, C + 38 * Math.cos(angle), C + 38 * Math.sin(angle), 6), orange);
    }
    return canvas.fill(circle(C, C, 18), orange).fill(circle(C, C, 13), hex('#FFB74D'));
  },
  night_owl: () => {
    // Crescent moon and stars.
    const canvas = medal('#283593');
    const pale = hex('#FFF59D');
    canvas.fill(and(circle(58, 66, 30), not(circle(74, 56, 26))), pale);
    canvas
      .fill(star(88, 42, 8, 3, 5), WHITE)
      .fill(star(92, 84, 5, 2, 5), WHITE)
      .fill(star(42, 30, 5, 2, 5), WHITE);
    return canvas;
  },
  quiz_whiz: () => {
    // Question mark.
    const canvas = medal('#00897B');
    canvas.fill(
      and(ring(C, 50, 12, 22), (x, y) => !(x < C && y > 50)),
      WHITE,
    );
    canvas.fill(line(C, 70, C, 80, 10), WHITE);
    return canvas.fill(circle(C, 96, 7), WHITE);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

function write(relativePath, canvas) {
  const url = new URL(relativePath, import.meta.url);
  mkdirSync(new URL('.', url), { recursive: true });
  writeFileSync(url, canvas.toPng());
  return relativePath;
}

const written = [];
for (let n = 1; n <= 15; n++) written.push(write(`./avatars/avatar-${n}.png`, drawAvatar(n)));
written.push(write('./buddies/lumina.png', drawLumina()));
written.push(write('./buddies/zylo.png', drawZylo()));
for (const [key, draw] of Object.entries(BADGE_ICONS)) written.push(write(`./badges/${key}.png`, draw()));
console.log(`wrote ${written.length} images:\n  ${written.join('\n  ')}`);
