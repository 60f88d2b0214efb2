/**
 * PNG decoder for signature images: turns any non-interlaced PNG (grey, RGB, palette, with or
 * without alpha or tRNS, 1–16 bits) into 8-bit colour samples plus an optional 8-bit alpha
 * plane, the form a PDF image XObject and its /SMask take.
 */
import { concatAll } from '@paraphe/pki';
import { inflateSync } from 'node:zlib';
import { AppearanceError } from '../errors.js';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly colorSpace: 'DeviceGray' | 'DeviceRGB';
  /** 8-bit samples, row by row, 1 or 3 per pixel. */
  readonly pixels: Uint8Array;
  /** 8-bit opacity per pixel; absent when every pixel is opaque. */
  readonly alpha: Uint8Array | undefined;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePng(bytes: Uint8Array): DecodedImage {
  if (!isPng(bytes)) fail('not a PNG file');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | undefined;
  let palette: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let pos = 8; pos + 8 <= bytes.length;) {
    const length = v.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (data.length !== length) fail(`truncated ${type} chunk`);
    if (type === 'IHDR') {
      header = { width: v.getUint32(pos + 8), height: v.getUint32(pos + 12), depth: data[8]!, colorType: data[9]!, interlace: data[12]! };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (!header) fail('no IHDR chunk');
  const { width, height, depth, colorType, interlace } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined) fail(`unknown colour type ${colorType}`);
  if (interlace !== 0) fail('interlaced PNG is not supported; save the image without interlacing');
  if (![1, 2, 4, 8, 16].includes(depth)) fail(`unsupported bit depth ${depth}`);
  if (width === 0 || height === 0) fail('empty image');
  if (colorType === 3 && !palette) fail('palette image without PLTE chunk');

  let raw: Uint8Array;
  try {
    raw = new Uint8Array(inflateSync(concatAll(idat)));
  } catch (cause) {
    throw new AppearanceError('APPEARANCE_IMAGE', 'PNG image data is corrupt', { cause });
  }
  const samples = unfilter(raw, width, height, channels, depth);
  return { width, height, ...toPlanes(samples, width * height, channels, depth, colorType, palette, trns) };
}

/** Reverses PNG row filters, then widens every sample to 8 bits (high byte of 16-bit ones). */
function unfilter(raw: Uint8Array, width: number, height: number, channels: number, depth: number): Uint8Array {
  const bpp = Math.max(1, (channels * depth) >> 3);
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  if (raw.length < height * (rowBytes + 1)) fail('PNG image data is shorter than its size');
  const out = new Uint8Array(width * height * channels);
  let prev = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]!;
    const row = raw.slice(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      switch (filter) {
        case 0: break;
        case 1: row[i] = row[i]! + a; break;
        case 2: row[i] = row[i]! + b; break;
        case 3: row[i] = row[i]! + ((a + b) >> 1); break;
        case 4: row[i] = row[i]! + paeth(a, b, c); break;
        default: fail(`unknown row filter ${filter}`);
      }
    }
    widen(row, out, y * width * channels, width * channels, depth);
    prev = row;
  }
  return out;
}

function widen(row: Uint8Array, out: Uint8Array, at: number, count: number, depth: number): void {
  if (depth === 8) out.set(row.subarray(0, count), at);
  else if (depth === 16) for (let i = 0; i < count; i++) out[at + i] = row[i * 2]!;
  else {
    const perByte = 8 / depth;
    const mask = (1 << depth) - 1;
    for (let i = 0; i < count; i++) {
      const shift = 8 - depth * ((i % perByte) + 1);
      out[at + i] = (row[Math.floor(i / perByte)]! >> shift) & mask;
    }
  }
}

function toPlanes(
  s: Uint8Array, n: number, channels: number, depth: number, colorType: number,
  palette: Uint8Array | undefined, trns: Uint8Array | undefined,
): Omit<DecodedImage, 'width' | 'height'> {
  const colours = colorType === 0 || colorType === 4 ? 1 : 3;
  const pixels = new Uint8Array(n * colours);
  const alpha = new Uint8Array(n).fill(255);
  // Grey below 8 bits is stretched to 0–255; palette indices are looked up instead.
  const greyScale = colorType === 0 && depth < 8 ? 255 / ((1 << depth) - 1) : 1;
  const trnsKey = trns && (colorType === 0 || colorType === 2) ? transparentKey(trns, colorType, depth) : undefined;
  for (let p = 0; p < n; p++) {
    const at = p * channels;
    if (colorType === 3) {
      const idx = s[at]!;
      pixels.set(palette!.subarray(idx * 3, idx * 3 + 3), p * 3);
      if (trns && idx < trns.length) alpha[p] = trns[idx]!;
      continue;
    }
    for (let c = 0; c < colours; c++) pixels[p * colours + c] = Math.round(s[at + c]! * greyScale);
    if (colorType === 4 || colorType === 6) alpha[p] = s[at + colours]!;
    else if (trnsKey && trnsKey.every((k, c) => s[at + c] === k)) alpha[p] = 0;
  }
  return {
    colorSpace: colours === 1 ? 'DeviceGray' : 'DeviceRGB',
    pixels,
    alpha: alpha.every((a) => a === 255) ? undefined : alpha,
  };
}

/** tRNS for grey/RGB images names one colour that is fully transparent (compared at 8 bits). */
function transparentKey(trns: Uint8Array, colorType: number, depth: number): number[] {
  const count = colorType === 0 ? 1 : 3;
  const key: number[] = [];
  for (let c = 0; c < count; c++) {
    const value = ((trns[c * 2] ?? 0) << 8) | (trns[c * 2 + 1] ?? 0);
    key.push(depth === 16 ? value >> 8 : value);
  }
  return key;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function fail(message: string): never {
  throw new AppearanceError('APPEARANCE_IMAGE', message);
}
