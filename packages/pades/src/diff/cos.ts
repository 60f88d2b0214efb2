/**
 * Small COS helpers for diff analysis and validation: typed getters and structural identity of
 * two values, where references compare by object number (each referenced object is judged on its own).
 */
import { bytesEqual } from '@paraphe/pki';
import type { PdfDict, PdfObject, PdfRef } from '@paraphe/pdf';

/** Deepest direct nesting compared; deeper values are treated as different (never equal by accident). */
const MAX_DEPTH = 256;

export function asDict(obj: PdfObject | undefined): PdfDict | undefined {
  if (!obj) return undefined;
  if (obj.kind === 'dict') return obj;
  if (obj.kind === 'stream') return obj.dict;
  return undefined;
}

export function get(dict: PdfDict | undefined, key: string): PdfObject | undefined {
  return dict?.entries.get(key);
}

export function nameOf(obj: PdfObject | undefined): string | undefined {
  return obj && obj.kind === 'name' ? obj.value : undefined;
}

export function refOf(obj: PdfObject | undefined): PdfRef | undefined {
  return obj && obj.kind === 'ref' ? obj : undefined;
}

export function numberOf(obj: PdfObject | undefined): number | undefined {
  return obj && obj.kind === 'number' ? obj.value : undefined;
}

/** Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding ≈ Latin-1). */
export function textOf(obj: PdfObject | undefined): string | undefined {
  if (!obj || obj.kind !== 'string') return undefined;
  const b = obj.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

/** Structural identity of two direct values; refs are equal when they name the same object. */
export function sameValue(a: PdfObject | undefined, b: PdfObject | undefined, depth = 0): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind || depth > MAX_DEPTH) return false;
  switch (a.kind) {
    case 'null':
      return true;
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'number':
      return a.value === (b as typeof a).value;
    case 'name':
      return a.value === (b as typeof a).value;
    case 'string':
      return bytesEqual(a.bytes, (b as typeof a).bytes);
    case 'ref':
      return a.num === (b as typeof a).num && a.gen === (b as typeof a).gen;
    case 'array': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => sameValue(x, bi[i], depth + 1));
    }
    case 'dict':
      return differingKeys(a, b as typeof a, new Set(), depth).length === 0;
    case 'stream': {
      const bs = b as typeof a;
      return bytesEqual(a.raw, bs.raw) && differingKeys(a.dict, bs.dict, new Set(), depth).length === 0;
    }
  }
}

/** Keys whose values differ between two dictionaries (added, removed or changed), minus `ignored`. */
export function differingKeys(a: PdfDict, b: PdfDict, ignored: ReadonlySet<string>, depth = 0): string[] {
  const out: string[] = [];
  for (const [k, v] of a.entries) {
    if (ignored.has(k)) continue;
    if (!sameValue(v, b.entries.get(k), depth + 1)) out.push(k);
  }
  for (const k of b.entries.keys()) {
    if (!ignored.has(k) && !a.entries.has(k)) out.push(k);
  }
  return out;
}

/** Object numbers referenced anywhere inside a direct value (not following the refs). */
export function refsIn(obj: PdfObject | undefined, out: PdfRef[] = [], depth = 0): PdfRef[] {
  if (!obj || depth > MAX_DEPTH) return out;
  switch (obj.kind) {
    case 'ref':
      out.push(obj);
      break;
    case 'array':
      for (const x of obj.items) refsIn(x, out, depth + 1);
      break;
    case 'dict':
      for (const x of obj.entries.values()) refsIn(x, out, depth + 1);
      break;
    case 'stream':
      for (const x of obj.dict.entries.values()) refsIn(x, out, depth + 1);
      break;
    default:
      break;
  }
  return out;
}

/** Area of an annotation /Rect; zero for missing or malformed rectangles (an invisible widget). */
export function rectArea(dict: PdfDict | undefined): number {
  const rect = get(dict, 'Rect');
  if (!rect || rect.kind !== 'array' || rect.items.length !== 4) return 0;
  const [x1, y1, x2, y2] = rect.items.map((i) => numberOf(i) ?? 0) as [number, number, number, number];
  return Math.abs(x2 - x1) * Math.abs(y2 - y1);
}

/** The direct value at a usage key path ("/K[2]/Obj") inside an object, without following refs. */
export function valueAtPath(obj: PdfObject | undefined, path: string): PdfObject | undefined {
  let cur = obj;
  for (const m of path.matchAll(/\/([^/[]+)|\[(\d+)\]/g)) {
    if (!cur) return undefined;
    if (m[1] !== undefined) cur = asDict(cur)?.entries.get(m[1]);
    else cur = cur.kind === 'array' ? cur.items[Number(m[2])] : undefined;
  }
  return cur;
}
