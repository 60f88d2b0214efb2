/**
 * Encryption dictionary inspection (ISO 32000-1 §7.6). Decryption is out of scope: this only
 * reports whether and how a document is encrypted, and rejects a malformed /Encrypt.
 */
import { PdfError } from './errors.js';
import type { PdfDict, PdfObject } from './objects.js';

export interface EncryptionInfo {
  readonly filter: string;
  readonly subFilter: string | undefined;
  readonly v: number;
  readonly r: number | undefined;
  /** Key length in bits. */
  readonly length: number;
  readonly dict: PdfDict;
}

interface Doc {
  trailer(): PdfDict;
  resolve(obj: PdfObject | undefined): PdfObject | undefined;
}

export function describeEncryption(doc: Doc): EncryptionInfo | undefined {
  const raw = doc.trailer().entries.get('Encrypt');
  if (raw === undefined || raw.kind === 'null') return undefined;
  let dict: PdfObject | undefined;
  try {
    dict = doc.resolve(raw);
  } catch (e) {
    if (!(e instanceof PdfError)) throw e;
    throw new PdfError('PDF_ENCRYPTED', `malformed /Encrypt: ${e.message}`);
  }
  if (dict?.kind !== 'dict') throw new PdfError('PDF_ENCRYPTED', 'malformed /Encrypt: not a dictionary');
  const name = (k: string): string | undefined => {
    const v = doc.resolve(dict.entries.get(k));
    return v?.kind === 'name' ? v.value : undefined;
  };
  const num = (k: string): number | undefined => {
    const v = doc.resolve(dict.entries.get(k));
    return v?.kind === 'number' ? v.value : undefined;
  };
  const filter = name('Filter');
  if (filter === undefined) throw new PdfError('PDF_ENCRYPTED', 'malformed /Encrypt: no /Filter');
  const v = num('V') ?? 0;
  return Object.freeze({ filter, subFilter: name('SubFilter'), v, r: num('R'), length: num('Length') ?? 40, dict });
}
