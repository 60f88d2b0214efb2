/**
 * Hashes the ByteRange of a file that exists only as pieces (the original bytes and the
 * update), so a large input is never concatenated in memory.
 */
import { createHash } from 'node:crypto';
import type { HashAlgorithm } from '@paraphe/pki';
import { NODE_HASH } from '../cms/algorithms.js';
import type { ByteRange } from './placeholder.js';

export function digestByteRange(pieces: readonly Uint8Array[], range: ByteRange, hash: HashAlgorithm): Uint8Array {
  const h = createHash(NODE_HASH[hash]);
  const spans: [number, number][] = [
    [range[0], range[0] + range[1]],
    [range[2], range[2] + range[3]],
  ];
  let base = 0;
  for (const piece of pieces) {
    const pieceEnd = base + piece.length;
    for (const [from, to] of spans) {
      const s = Math.max(from, base);
      const e = Math.min(to, pieceEnd);
      if (s < e) h.update(piece.subarray(s - base, e - base));
    }
    base = pieceEnd;
  }
  return new Uint8Array(h.digest());
}
