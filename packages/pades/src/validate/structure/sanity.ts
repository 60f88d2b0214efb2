/**
 * Document-level sanity checks a careful validator reports even for unsigned files: header
 * version, readable page tree, and /Encrypt (a malformed one makes the file unreadable).
 */
import { PdfError } from '@paraphe/pdf';
import { ValidationError } from '../errors.js';

export interface SanityView {
  readonly version: string;
  readonly bytes: Uint8Array;
  readonly revisions: readonly { readonly endOffset: number }[];
  pages(): unknown[];
  encryption(): unknown;
}

/** Pushes a warning per problem; throws ValidationError when /Encrypt cannot be interpreted. */
export function checkSanity(doc: SanityView, warnings: string[]): void {
  if (!/^\d\.\d$/.test(doc.version)) warnings.push(`illegal PDF header version "${doc.version}"`);
  const end = doc.revisions[doc.revisions.length - 1]?.endOffset ?? doc.bytes.length;
  let trailing = 0;
  for (let i = end; i < doc.bytes.length; i++) {
    const c = doc.bytes[i];
    if (c !== 0x0a && c !== 0x0d && c !== 0x20 && c !== 0x09 && c !== 0x00) trailing++;
  }
  const tail = Buffer.from(doc.bytes.subarray(Math.max(0, doc.bytes.length - 1024))).toString('latin1');
  const at = tail.lastIndexOf('startxref');
  if (at >= 0 && !/^startxref[\r\n\t \f\0]+\d+[\r\n\t \f\0]*%%EOF/.test(tail.slice(at))) warnings.push('the last startxref is not followed by exactly one offset and %%EOF');
  if (trailing > 0) warnings.push(`${doc.bytes.length - end} bytes follow the end of the last revision; they belong to no revision and no signature covers them`);
  try {
    if (doc.pages().length === 0) warnings.push('the document has no readable page');
  } catch (e) {
    warnings.push(`the page tree cannot be read: ${(e as Error).message}`);
  }
  let encrypted: unknown;
  try {
    encrypted = doc.encryption();
  } catch (e) {
    const code = e instanceof PdfError ? e.code : undefined;
    throw new ValidationError('VALIDATE_ENCRYPTED', `the encryption dictionary cannot be interpreted: ${(e as Error).message}`, code);
  }
  if (encrypted) warnings.push('the document is encrypted: names and texts are shown undecrypted; signature values and byte ranges are not encrypted');
}
