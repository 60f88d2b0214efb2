/** Extracts each signature's CMS and signed bytes from a corpus file by its /ByteRange (test helper only). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../corpus/manifest.js';

export interface RawSignature { readonly der: Uint8Array; readonly signed: Uint8Array[] }

export function rawSignatures(dest: string): RawSignature[] {
  const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, dest)));
  const text = Buffer.from(bytes).toString('latin1');
  const out: RawSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const hex = text.slice(b, c).replace(/[^0-9a-fA-F]/g, '');
    out.push({ der: new Uint8Array(Buffer.from(hex, 'hex')), signed: [bytes.subarray(a, a + b), bytes.subarray(c, c + d)] });
  }
  return out;
}
