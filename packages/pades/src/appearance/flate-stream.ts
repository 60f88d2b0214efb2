/**
 * Flate-compressed PDF streams for everything an appearance writes (content, font file, CMap,
 * images), with the PDF engine's encoder.
 */
import { flateEncode, pdfDict, pdfName, pdfNumber, pdfStream, type PdfObject, type PdfStream } from '@paraphe/pdf';

/** A stream holding `data` Flate-compressed, with /Filter and /Length set. */
export function flateStream(entries: Record<string, PdfObject>, data: Uint8Array): PdfStream {
  return rawStream({ ...entries, Filter: pdfName('FlateDecode') }, flateEncode(data));
}

/** A stream whose bytes are already encoded as `entries` describe (e.g. DCTDecode JPEG). */
export function rawStream(entries: Record<string, PdfObject>, encoded: Uint8Array): PdfStream {
  return pdfStream(pdfDict({ ...entries, Length: pdfNumber(encoded.length) }), encoded);
}
