import { describe, expect, it } from 'vitest';
import { Parser } from '../src/parser.js';
import { PdfError, type PdfObject } from '../src/index.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const warnings: string[] = [];
const parse = (s: string, lenient = true, maxDepth = 256): PdfObject =>
  new Parser(enc(s), { lenient, maxDepth, warn: (m) => warnings.push(m) }).parseObject();
const str = (o: PdfObject): string => {
  if (o.kind !== 'string') throw new Error(`not a string: ${o.kind}`);
  return Buffer.from(o.bytes).toString('latin1');
};

describe('numbers', () => {
  it.each([
    ['123', 123, true],
    ['-17', -17, true],
    ['+.5', 0.5, false],
    ['-3.', -3, false],
    ['1.0', 1, false],
    ['.002', 0.002, false],
    ['-.5', -0.5, false],
    ['007', 7, true],
  ])('%s', (src, value, isInt) => {
    const o = parse(src);
    expect(o).toEqual({ kind: 'number', value, isInt });
  });
  it('rejects a lone sign', () => {
    expect(() => parse('- ')).toThrow(PdfError);
  });
});

describe('literal strings', () => {
  it('decodes escapes', () => {
    expect(str(parse('(a\\nb\\rc\\td\\be\\ff\\(g\\)h\\\\i)'))).toBe('a\nb\rc\td\be\ff(g)h\\i');
  });
  it('decodes octal escapes of 1 to 3 digits and ignores overflow', () => {
    expect(str(parse('(\\101\\7\\0531\\501)'))).toBe('A\x07+1A');
  });
  it('keeps balanced parentheses without escapes', () => {
    expect(str(parse('(a (b (c)) d)'))).toBe('a (b (c)) d');
  });
  it('treats backslash-EOL as a line continuation', () => {
    expect(str(parse('(ab\\\ncd\\\r\nef\\\rgh)'))).toBe('abcdefgh');
  });
  it('reads every unescaped EOL as LF', () => {
    expect(str(parse('(a\r\nb\rc\nd)'))).toBe('a\nb\nc\nd');
  });
  it('drops the backslash of an unknown escape', () => {
    expect(str(parse('(\\q)'))).toBe('q');
  });
  it('fails on an unterminated string', () => {
    expect(() => parse('(abc')).toThrow(expect.objectContaining({ code: 'PDF_SYNTAX' }));
  });
});

describe('hex strings', () => {
  it('ignores white-space and pads an odd digit', () => {
    const o = parse('<48 65 6c6C 6F7>');
    expect(str(o)).toBe('Hello\x70');
    expect(o.kind === 'string' && o.hex).toBe(true);
  });
  it('rejects junk in strict mode', () => {
    expect(() => parse('<4G>', false)).toThrow(expect.objectContaining({ code: 'PDF_SYNTAX' }));
  });
});

describe('names', () => {
  it('decodes #xx escapes', () => {
    expect(parse('/A#20B#23')).toEqual({ kind: 'name', value: 'A B#' });
  });
  it('keeps a malformed # as is', () => {
    expect(parse('/A#zz')).toEqual({ kind: 'name', value: 'A#zz' });
  });
  it('ends at a delimiter', () => {
    const o = parse('[/A/B(c)]');
    expect(o.kind === 'array' && o.items.map((i) => i.kind)).toEqual(['name', 'name', 'string']);
  });
  it('accepts the empty name', () => {
    expect(parse('/ ')).toEqual({ kind: 'name', value: '' });
  });
});

describe('containers and references', () => {
  it('parses dictionaries, arrays and refs', () => {
    const o = parse('<< /A 1 0 R /B [1 2 R 3] /C << /D null >> /E true /F false >>');
    if (o.kind !== 'dict') throw new Error('dict expected');
    expect(o.entries.get('A')).toEqual({ kind: 'ref', num: 1, gen: 0 });
    const b = o.entries.get('B');
    // `1 2 R` is a reference, 3 stays a number.
    expect(b?.kind === 'array' && b.items).toEqual([
      { kind: 'ref', num: 1, gen: 2 },
      { kind: 'number', value: 3, isInt: true },
    ]);
    expect(o.entries.get('E')).toEqual({ kind: 'bool', value: true });
    expect([...o.entries.keys()]).toEqual(['A', 'B', 'C', 'E', 'F']);
  });
  it('keeps comments out', () => {
    const o = parse('[1 % comment ]\n 2]');
    expect(o.kind === 'array' && o.items.length).toBe(2);
  });
  it('limits nesting depth with PDF_LIMIT', () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    expect(() => parse(deep)).toThrow(expect.objectContaining({ code: 'PDF_LIMIT' }));
    const deepDict = '<</A '.repeat(300) + '>>'.repeat(300);
    expect(() => parse(deepDict)).toThrow(expect.objectContaining({ code: 'PDF_LIMIT' }));
    expect(() => parse('['.repeat(100) + ']'.repeat(100))).not.toThrow();
  });
  it('fails on unterminated containers', () => {
    expect(() => parse('[1 2')).toThrow(PdfError);
    expect(() => parse('<< /A 1')).toThrow(PdfError);
  });
  it('reads a key without value as null in lenient mode', () => {
    const o = parse('<< /A >>');
    expect(o.kind === 'dict' && o.entries.get('A')).toEqual({ kind: 'null' });
  });
  it('keeps the last of duplicate keys, with a warning', () => {
    const before = warnings.length;
    const o = parse('<< /K 1 /K 2 >>');
    expect(o.kind === 'dict' && o.entries.get('K')).toEqual({ kind: 'number', value: 2, isInt: true });
    expect(warnings.slice(before).join()).toMatch(/duplicate key \/K/);
  });
  it('rejects a non-name key in strict mode', () => {
    expect(() => parse('<< 1 2 >>', false)).toThrow(expect.objectContaining({ code: 'PDF_SYNTAX' }));
  });
});

describe('indirect objects and streams', () => {
  const parseInd = (s: string, lenient = true, resolveLength?: (r: { num: number }) => number | undefined) => {
    const w: string[] = [];
    const p = new Parser(enc(s), { lenient, maxDepth: 256, warn: (m) => w.push(m), resolveLength });
    return { obj: p.parseIndirect(), w };
  };
  it('uses a direct /Length and checks endstream', () => {
    const { obj, w } = parseInd('7 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj\n');
    expect(obj?.num).toBe(7);
    const v = obj!.value;
    expect(v.kind === 'stream' && Buffer.from(v.raw).toString()).toBe('hello');
    expect(v.kind === 'stream' && v.dataOffset).toBe(32);
    expect(w).toEqual([]);
  });
  it('resolves an indirect /Length', () => {
    const { obj } = parseInd('7 0 obj << /Length 8 0 R >> stream\nabcendstream!\nendstream endobj', true, () => 13);
    const v = obj!.value;
    expect(v.kind === 'stream' && Buffer.from(v.raw).toString()).toBe('abcendstream!');
  });
  it('scans for endstream with a warning when /Length is wrong', () => {
    const { obj, w } = parseInd('7 0 obj << /Length 99 >> stream\nabc\nendstream endobj');
    const v = obj!.value;
    expect(v.kind === 'stream' && Buffer.from(v.raw).toString()).toBe('abc');
    expect(w.join()).toMatch(/Length 99 is wrong/);
  });
  it('returns undefined when there is no object header', () => {
    expect(parseInd('trailer << >>').obj).toBeUndefined();
  });
  it('requires endobj in strict mode', () => {
    expect(() => parseInd('1 0 obj 5 ', false)).toThrow(PdfError);
    expect(parseInd('1 0 obj 5 ').obj?.value).toEqual({ kind: 'number', value: 5, isInt: true });
  });
});
