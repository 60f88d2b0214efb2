/**
 * Loading a PDF for signing and the small typed lookups the signing code needs over COS values,
 * with PdfError codes mapped to SignError codes.
 */
import { PdfDocument, PdfError, type PdfArray, type PdfDict, type PdfObject, type PdfRef } from '@paraphe/pdf';
import { SignError } from './sign-error.js';

export async function loadForSigning(bytes: Uint8Array): Promise<PdfDocument> {
  let doc: PdfDocument;
  try {
    doc = await PdfDocument.load(bytes);
  } catch (e) {
    if (e instanceof PdfError && e.code === 'PDF_ENCRYPTED') {
      throw new SignError('SIGN_ENCRYPTED', 'encrypted PDFs cannot be signed: decrypt the document first', e);
    }
    if (e instanceof PdfError) throw new SignError('SIGN_NOT_PDF', `not a readable PDF (${e.code}): ${e.message}`, e);
    throw e;
  }
  if (doc.encrypted) {
    throw new SignError('SIGN_ENCRYPTED', 'encrypted PDFs cannot be signed: decrypt the document first');
  }
  return doc;
}

export function asDict(doc: PdfDocument, obj: PdfObject | undefined): PdfDict | undefined {
  const r = obj === undefined ? undefined : doc.resolve(obj);
  if (r?.kind === 'dict') return r;
  if (r?.kind === 'stream') return r.dict;
  return undefined;
}

export function asArray(doc: PdfDocument, obj: PdfObject | undefined): PdfArray | undefined {
  const r = obj === undefined ? undefined : doc.resolve(obj);
  return r?.kind === 'array' ? r : undefined;
}

export function asRef(obj: PdfObject | undefined): PdfRef | undefined {
  return obj?.kind === 'ref' ? obj : undefined;
}

export function asName(doc: PdfDocument, obj: PdfObject | undefined): string | undefined {
  const r = obj === undefined ? undefined : doc.resolve(obj);
  return r?.kind === 'name' ? r.value : undefined;
}

export function asNumber(doc: PdfDocument, obj: PdfObject | undefined): number | undefined {
  const r = obj === undefined ? undefined : doc.resolve(obj);
  return r?.kind === 'number' ? r.value : undefined;
}

/** Decodes a PDF text string (UTF-16BE with BOM, else PDFDocEncoding read as Latin-1). */
export function asText(doc: PdfDocument, obj: PdfObject | undefined): string | undefined {
  const r = obj === undefined ? undefined : doc.resolve(obj);
  if (r?.kind !== 'string') return undefined;
  const b = r.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
    return s;
  }
  return Buffer.from(b).toString('latin1');
}

export function catalogRef(doc: PdfDocument): PdfRef {
  const root = asRef(doc.trailer().entries.get('Root'));
  if (!root) throw new SignError('SIGN_NOT_PDF', 'the trailer has no /Root reference');
  return root;
}
