/** A minimal PNG encoder for tests (one IDAT, one filter type for all rows), plus a synthetic handwritten signature. */
import { crc32, deflateSync } from 'node:zlib';

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly colorType: 0 | 2 | 3 | 4 | 6;
  readonly bitDepth?: 1 | 2 | 4 | 8 | 16;
  /** Packed row data without filter bytes. */
  readonly rows: Uint8Array;
  readonly palette?: Uint8Array;
  readonly trns?: Uint8Array;
  readonly interlace?: boolean;
  /** Filter type byte written before each row; the rows must already be filtered with it. */
  readonly rowFilter?: number;
}

export function encodePng(spec: PngSpec): Uint8Array {
  const rowBytes = spec.rows.length / spec.height;
  const raw = new Uint8Array(spec.height * (rowBytes + 1));
  for (let y = 0; y < spec.height; y++) {
    raw[y * (rowBytes + 1)] = spec.rowFilter ?? 0;
    raw.set(spec.rows.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, spec.width);
  v.setUint32(4, spec.height);
  ihdr.set([spec.bitDepth ?? 8, spec.colorType, 0, 0, spec.interlace ? 1 : 0], 8);
  const chunks = [chunk('IHDR', ihdr)];
  if (spec.palette) chunks.push(chunk('PLTE', spec.palette));
  if (spec.trns) chunks.push(chunk('tRNS', spec.trns));
  chunks.push(chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array()));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A 240×100 RGBA image: a dark-blue pen stroke on a transparent background. */
export function handwrittenSignaturePng(): Uint8Array {
  const width = 240;
  const height = 100;
  const rows = new Uint8Array(width * height * 4);
  const dab = (cx: number, cy: number, r: number) => {
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const d = Math.hypot(x - cx, y - cy);
        const a = Math.max(0, Math.min(1, r - d + 0.5)) * 255;
        const i = (y * width + x) * 4;
        if (a > rows[i + 3]!) rows.set([20, 40, 110, Math.round(a)], i);
      }
    }
  };
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 15 + t * 210;
    const y = 50 + 28 * Math.sin(t * 19) * Math.exp(-t * 1.2) - 10 * Math.cos(t * 7);
    dab(x, y, 2.2 - t);
  }
  for (let t = 0; t <= 1; t += 0.002) dab(40 + t * 170, 82 + 4 * Math.sin(t * 3), 1.2); // underline
  return encodePng({ width, height, colorType: 6, rows });
}
