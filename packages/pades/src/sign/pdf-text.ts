/** PDF dates and text strings (ISO 32000-1 §7.9.2, §7.9.4) for the signature dictionary. */
import { pdfString, type PdfString } from '@paraphe/pdf';

/** `D:YYYYMMDDHHmmSS+00'00'` in UTC: an explicit offset, as PAdES requires for /M. */
export function pdfDate(date: Date): PdfString {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const text =
    `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}+00'00'`;
  return pdfString(text);
}

/** ASCII stays a literal string; anything else becomes UTF-16BE with a BOM (accents, non-Latin names). */
export function pdfTextString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return pdfString(text);
  const bytes: number[] = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes.push(c >> 8, c & 0xff);
  }
  return pdfString(Uint8Array.from(bytes));
}
