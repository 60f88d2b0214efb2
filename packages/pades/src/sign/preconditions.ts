/**
 * Checks made before a document is changed: an update must never invalidate an earlier
 * signature or contradict a certification signature's DocMDP permissions.
 */
import type { PdfDocument } from '@paraphe/pdf';
import { asArray, asDict, asName, asNumber } from './document-access.js';
import { signedFields } from './form-fields.js';
import { SignError } from './sign-error.js';

/** DocMDP permission P of the document's certification signature (ISO 32000-1 §12.8.2.2), if any. */
export function docMdpPermission(doc: PdfDocument): number | undefined {
  const perms = asDict(doc, doc.catalog().entries.get('Perms'));
  const sig = asDict(doc, perms?.entries.get('DocMDP'));
  if (!sig) return undefined;
  for (const item of asArray(doc, sig.entries.get('Reference'))?.items ?? []) {
    const ref = asDict(doc, item);
    if (asName(doc, ref?.entries.get('TransformMethod')) !== 'DocMDP') continue;
    const params = asDict(doc, ref?.entries.get('TransformParams'));
    return asNumber(doc, params?.entries.get('P')) ?? 2; // P defaults to 2
  }
  return 2;
}

const BYTE_RANGE = new TextEncoder().encode('/ByteRange');

function containsByteRange(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(BYTE_RANGE) >= 0;
}

/**
 * Refuses to append to a file that needed xref recovery when it carries signatures: offsets
 * read from a broken xref would make the update rewrite what the earlier signer hashed.
 * The raw byte scan catches signatures the recovered object graph no longer reaches.
 */
export function assertSafeToAppend(doc: PdfDocument, bytes: Uint8Array): void {
  if (!doc.recovered) return;
  if (signedFields(doc).length > 0 || containsByteRange(bytes)) {
    throw new SignError(
      'SIGN_WOULD_BREAK_SIGNATURES',
      'the file is damaged (its cross-reference data had to be rebuilt) and already carries signatures: adding one would invalidate them',
    );
  }
}

export function assertSigningAllowed(doc: PdfDocument, certify: 1 | 2 | 3 | undefined): void {
  const p = docMdpPermission(doc);
  if (p === 1) {
    throw new SignError('SIGN_DOCMDP_LOCKED', 'the certification signature forbids any change (DocMDP P=1)');
  }
  if (certify !== undefined && (p !== undefined || signedFields(doc).length > 0)) {
    throw new SignError('SIGN_CERTIFY_NOT_FIRST', 'a certification signature must be the first signature of the document');
  }
}

/** Refuses documents whose page tree is damaged (cycles, direct kids, non-dictionary nodes). */
export function assertPageTreeSound(doc: PdfDocument): void {
  const before = doc.warnings.length;
  const pages = doc.pages();
  const problems = doc.warnings.slice(before);
  if (problems.length > 0) {
    throw new SignError('SIGN_MALFORMED', `the page tree is damaged (${problems.join('; ')}): repair the document before signing`);
  }
  if (pages.length === 0) throw new SignError('SIGN_MALFORMED', 'the document has no page to carry the signature field');
}
