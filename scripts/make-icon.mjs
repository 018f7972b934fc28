// Draws the extension's icon (images/icon.png, 128×128): a dark-blue rounded
// square, a white quotation mark and a green check. Written with zlib alone so
// it needs no image tool; run `node scripts/make-icon.mjs` after a change here.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128;
const px = new Float32Array(N * N * 4);

// Coverage of a shape at pixel (x, y), 4×4 supersampled, for smooth edges.
function paint(inside, [r, g, b]) {
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      let c = 0;
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) c++;
      if (c === 0) continue;
      const a = c / 16;
      const k = (y * N + x) * 4;
      px[k] = px[k] * (1 - a) + r * a;
      px[k + 1] = px[k + 1] * (1 - a) + g * a;
      px[k + 2] = px[k + 2] * (1 - a) + b * a;
      px[k + 3] = Math.max(px[k + 3], a * 255);
    }
  }
}

const roundedSquare = (x, y) => {
  const r = 22, lo = 4, hi = N - 4;
  const cx = Math.min(Math.max(x, lo + r), hi - r), cy = Math.min(Math.max(y, lo + r), hi - r);
  return x >= lo && x <= hi && y >= lo && y <= hi && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
// Distance from (x, y) to the segment (ax, ay)–(bx, by).
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};

paint(roundedSquare, [28, 53, 94]);
// An opening quotation mark: two dots with tails.
for (const cx of [38, 64]) {
  paint(disc(cx, 46, 10), [255, 255, 255]);
  paint(segment(cx - 6, 44, cx - 2, 26, 8), [255, 255, 255]);
}
// The check.
paint(segment(50, 84, 66, 100, 13), [76, 200, 120]);
paint(segment(66, 100, 100, 58, 13), [76, 200, 120]);

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N * 4; x++) raw[y * (N * 4 + 1) + 1 + x] = Math.round(px[y * N * 4 + x]);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
