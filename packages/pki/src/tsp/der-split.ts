/**
 * Reads DER tag-length headers without decoding the contents, so a TimeStampResp can be split
 * into its small status and its token and the token is decoded once (by the token check),
 * not twice.
 */
import { PkiError } from '../errors.js';

export interface DerElement {
  readonly tag: number;
  /** Offset of the first content byte and of the byte after the element. */
  readonly contentStart: number;
  readonly end: number;
}

/** The element starting at `offset` (single-byte tags, definite lengths: what DER allows). */
export function derElementAt(bytes: Uint8Array, offset: number, what: string): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) throw new PkiError('TSA_INVALID', `${what}: truncated or unsupported DER header`);
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new PkiError('TSA_INVALID', `${what}: indefinite or oversized DER length`);
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[contentStart + i];
      if (b === undefined) throw new PkiError('TSA_INVALID', `${what}: truncated DER length`);
      length = length * 256 + b;
    }
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new PkiError('TSA_INVALID', `${what}: DER length runs past the end of the data`);
  return { tag, contentStart, end };
}
