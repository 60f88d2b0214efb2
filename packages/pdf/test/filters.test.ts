import { deflateRawSync, deflateSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeStream,
  decodeStreamDetailed,
  flateEncode,
  pdfArray,
  pdfDict,
  pdfName,
  pdfNumber,
  pdfStream,
  PdfError,
  type PdfObject,
} from '../src/index.js';
import { pngUp } from './helpers/build-pdf.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const txt = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const stream = (raw: Uint8Array, dict: Record<string, PdfObject>) => pdfStream(pdfDict(dict), raw);

describe('FlateDecode', () => {
  it('round-trips with flateEncode', () => {
    const data = enc('hello '.repeat(1000));
    expect(txt(decodeStream(stream(flateEncode(data), { Filter: pdfName('FlateDecode') })))).toBe(txt(data));
  });
  it('keeps what decodes from a truncated stream, with a warning', () => {
    let seed = 7;
    const text = Array.from({ length: 5000 }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26))).join('');
    const full = deflateSync(Buffer.from(text));
    const r = decodeStreamDetailed(stream(full.subarray(0, full.length - 30), { Filter: pdfName('FlateDecode') }));
    expect(r.data.length).toBeGreaterThan(1000);
    expect(txt(r.data)).toBe(text.slice(0, r.data.length));
    expect(r.warnings.join()).toMatch(/truncated/);
  });
  it('ignores a garbage tail after the end of the zlib stream', () => {
    const data = new Uint8Array([...deflateSync(Buffer.from('payload')), ...enc('\r\ngarbage')]);
    expect(txt(decodeStream(stream(data, { Filter: pdfName('Fl') })))).toBe('payload');
  });
  it('reports undecodable data as PDF_FILTER', () => {
    expect(() => decodeStream(stream(enc('not zlib at all'), { Filter: pdfName('FlateDecode') }))).toThrow(
      expect.objectContaining({ code: 'PDF_FILTER' }),
    );
  });
  it('stops a 1 GiB bomb with PDF_LIMIT under the default limit', () => {
    // 1024 full-flushed blocks of 1 MiB of zeros, then a final empty block: 1 GiB declared.
    const chunk = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
    const parts: Buffer[] = [Buffer.from([0x78, 0x9c])];
    for (let i = 0; i < 1024; i++) parts.push(chunk);
    parts.push(Buffer.from([0x03, 0x00]));
    const n = 1 << 30;
    const adler = ((n % 65521) * 65536 + 1) >>> 0;
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(adler);
    parts.push(tail);
    const bomb = new Uint8Array(Buffer.concat(parts));
    expect(bomb.length).toBeLessThan(2 << 20);
    const s = stream(bomb, { Filter: pdfName('FlateDecode') });
    expect(() => decodeStream(s)).toThrow(expect.objectContaining({ code: 'PDF_LIMIT' }));
    expect(() => decodeStream(s, undefined, { maxOutputBytes: 1 << 20 })).toThrow(/maxOutputBytes/);
  });
});

describe('predictors', () => {
  const rows = enc('ABCDEFGHIJKLMNOPQRSTUVWX'); // 4 rows of 6
  it('PNG Up (12) through Flate', () => {
    const s = stream(flateEncode(pngUp(rows, 6)), {
      Filter: pdfName('FlateDecode'),
      DecodeParms: pdfDict({ Predictor: pdfNumber(12), Columns: pdfNumber(6) }),
    });
    expect(txt(decodeStream(s))).toBe(txt(rows));
  });
  it('PNG Sub, Average and Paeth rows with 3 colours', () => {
    // Row filter types 1, 3, 4 encoded by hand for 2 pixels of RGB.
    const raw = [1, 10, 20, 30, 5, 5, 5, 3, 10, 20, 30, 0, 0, 0, 4, 1, 1, 1, 1, 1, 1];
    // Row 1 (Sub): 10 20 30 15 25 35. Row 2 (Avg): 10+5 20+10 30+15 → 15 30 45, then 0+((15+15)>>1)=15, 25+..
    const s = stream(flateEncode(new Uint8Array(raw)), {
      Filter: pdfName('FlateDecode'),
      DecodeParms: pdfDict({ Predictor: pdfNumber(15), Columns: pdfNumber(2), Colors: pdfNumber(3) }),
    });
    const out = [...decodeStream(s)];
    expect(out.slice(0, 6)).toEqual([10, 20, 30, 15, 25, 35]);
    // Average: left 0 for the first pixel, up = row 1.
    expect(out.slice(6, 12)).toEqual([10 + 5, 20 + 10, 30 + 15, (15 + 15) >> 1, (30 + 25) >> 1, (45 + 35) >> 1]);
    expect(out.length).toBe(18);
  });
  it('TIFF predictor 2 with 8-bit components', () => {
    const s = stream(flateEncode(new Uint8Array([1, 1, 1, 1, 5, 250, 10, 10])), {
      Filter: pdfName('FlateDecode'),
      DecodeParms: pdfDict({ Predictor: pdfNumber(2), Columns: pdfNumber(4), Colors: pdfNumber(1) }),
    });
    expect([...decodeStream(s)]).toEqual([1, 2, 3, 4, 5, 255, 9, 19]);
  });
  it('rejects an unknown PNG row type', () => {
    const s = stream(flateEncode(new Uint8Array([9, 1, 2])), {
      Filter: pdfName('FlateDecode'),
      DecodeParms: pdfDict({ Predictor: pdfNumber(12), Columns: pdfNumber(2) }),
    });
    expect(() => decodeStream(s)).toThrow(expect.objectContaining({ code: 'PDF_FILTER' }));
  });
});

describe('ASCII filters', () => {
  it('ASCIIHexDecode with white-space, odd digit and EOD', () => {
    expect(txt(decodeStream(stream(enc('48 65\n6c6c6f2>'), { Filter: pdfName('ASCIIHexDecode') })))).toBe('Hello ');
  });
  it('ASCII85Decode with z and a partial final group', () => {
    expect(txt(decodeStream(stream(enc('87cURD]i,"Ebo80~>'), { Filter: pdfName('ASCII85Decode') })))).toBe('Hello World!');
    expect([...decodeStream(stream(enc('z~>'), { Filter: pdfName('A85') }))]).toEqual([0, 0, 0, 0]);
  });
  it('ASCII85Decode rejects characters outside its alphabet', () => {
    expect(() => decodeStream(stream(enc('87c{~>'), { Filter: pdfName('ASCII85Decode') }))).toThrow(PdfError);
  });
});

describe('LZWDecode', () => {
  // Example from ISO 32000-1 §7.4.4.2: 45 45 45 45 45 65 45 45 45 66.
  const encoded = new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]);
  it('decodes the specification example', () => {
    expect([...decodeStream(stream(encoded, { Filter: pdfName('LZWDecode') }))]).toEqual([
      45, 45, 45, 45, 45, 65, 45, 45, 45, 66,
    ]);
  });
  it('respects the output limit', () => {
    expect(() => decodeStream(stream(encoded, { Filter: pdfName('LZWDecode') }), undefined, { maxOutputBytes: 4 })).toThrow(
      expect.objectContaining({ code: 'PDF_LIMIT' }),
    );
  });
});

describe('RunLengthDecode', () => {
  it('decodes literal and repeated runs', () => {
    const data = new Uint8Array([2, 65, 66, 67, 254, 90, 128]);
    expect(txt(decodeStream(stream(data, { Filter: pdfName('RunLengthDecode') })))).toBe('ABCZZZ');
  });
});

describe('filter chains and limits', () => {
  it('applies an array of filters in order', () => {
    const hex = Buffer.from(flateEncode(enc('chained'))).toString('hex') + '>';
    const s = stream(enc(hex), { Filter: pdfArray([pdfName('ASCIIHexDecode'), pdfName('FlateDecode')]) });
    expect(txt(decodeStream(s))).toBe('chained');
  });
  it('passes image filters through undecoded with a flag', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    const r = decodeStreamDetailed(stream(jpeg, { Filter: pdfName('DCTDecode') }));
    expect(r.undecoded).toEqual(['DCTDecode']);
    expect([...r.data]).toEqual([...jpeg]);
  });
  it('rejects more than maxFilters filters', () => {
    const s = stream(enc('x'), { Filter: pdfArray(Array(9).fill(pdfName('ASCIIHexDecode'))) });
    expect(() => decodeStream(s)).toThrow(expect.objectContaining({ code: 'PDF_LIMIT' }));
  });
  it('rejects unknown filters with PDF_FILTER', () => {
    expect(() => decodeStream(stream(enc('x'), { Filter: pdfName('Bogus') }))).toThrow(expect.objectContaining({ code: 'PDF_FILTER' }));
  });
  it('enforces the time budget with the injected clock', () => {
    let t = 0;
    const s = stream(enc('41>'), { Filter: pdfArray([pdfName('ASCIIHexDecode'), pdfName('ASCIIHexDecode')]) });
    expect(() => decodeStream(s, undefined, { deadlineMs: 10, now: () => (t += 100) })).toThrow(/time budget/);
  });
});
