import { describe, expect, it } from 'vitest';
import { Parser } from '../src/parser.js';
import {
  formatNumber,
  pdfArray,
  pdfDict,
  pdfName,
  pdfNumber,
  pdfRef,
  pdfStream,
  pdfString,
  PDF_NULL,
  pdfBool,
  serializeObject,
  type PdfObject,
} from '../src/index.js';

const txt = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const reparse = (o: PdfObject): PdfObject =>
  new Parser(serializeObject(o), { lenient: false, maxDepth: 256, warn: () => undefined }).parseObject();

describe('serializeObject', () => {
  it('escapes names with #xx', () => {
    expect(txt(serializeObject(pdfName('A B#(x)/é')))).toBe('/A#20B#23#28x#29#2F#E9');
    expect(reparse(pdfName('A B#(x)/\xe9'))).toEqual(pdfName('A B#(x)/\xe9'));
  });
  it('writes names with chars above 0xFF as UTF-8', () => {
    expect(txt(serializeObject(pdfName('中')))).toBe('/#E4#B8#AD');
  });
  it('writes literal strings that read back byte for byte', () => {
    const bytes = new Uint8Array([0x28, 0x29, 0x5c, 0x0d, 0x0a, 0x00, 0xff, 0x41]);
    const s = pdfString(bytes);
    expect(txt(serializeObject(s))).toBe('(\\(\\)\\\\\\r\n\x00\xffA)');
    expect(reparse(s)).toEqual(s);
  });
  it('writes hex strings', () => {
    expect(txt(serializeObject(pdfString(new Uint8Array([0, 0xab]), true)))).toBe('<00AB>');
  });
  it('writes numbers without exponent and keeps reals as reals', () => {
    expect(formatNumber(1e-7, false)).toBe('0.0000001');
    expect(formatNumber(1.5e22, true)).toBe('15000000000000000000000');
    expect(formatNumber(3, false)).toBe('3.0');
    expect(formatNumber(-0.25, false)).toBe('-0.25');
    expect(formatNumber(42, true)).toBe('42');
    expect(reparse(pdfNumber(1, false))).toEqual(pdfNumber(1, false));
  });
  it('writes containers, refs and keywords', () => {
    const d = pdfDict({ A: pdfArray([pdfRef(3), PDF_NULL, pdfBool(true), pdfNumber(0.5)]), B: pdfDict({ C: pdfName('D') }) });
    expect(txt(serializeObject(d))).toBe('<</A [3 0 R null true 0.5]/B <</C /D>>>>');
    expect(reparse(d)).toEqual(d);
  });
  it('sets /Length of a stream to its data', () => {
    const s = pdfStream(pdfDict({ Length: pdfNumber(999) }), new Uint8Array([1, 2, 3]));
    expect(txt(serializeObject(s))).toBe('<</Length 3>>\nstream\n\x01\x02\x03\nendstream');
  });
});
