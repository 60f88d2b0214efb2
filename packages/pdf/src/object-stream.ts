/**
 * Object streams (ISO 32000-1 §7.5.7): a stream holding N compressed objects, an index of
 * `num offset` pairs followed, from /First on, by the objects themselves (no streams inside).
 */
import { PdfError } from './errors.js';
import { decodeStream, type StreamContext } from './filters/decode.js';
import type { DecodeLimits } from './limits.js';
import type { PdfObject, PdfStream } from './objects.js';
import { Parser } from './parser.js';

export class ObjectStream {
  /** Object numbers in index order. */
  readonly nums: readonly number[];
  private readonly offsets: readonly number[];
  private readonly cache = new Map<number, PdfObject>();

  private constructor(
    private readonly data: Uint8Array,
    private readonly first: number,
    nums: number[],
    offsets: number[],
    private readonly lenient: boolean,
    private readonly maxDepth: number,
    private readonly warn: (m: string) => void,
  ) {
    this.nums = nums;
    this.offsets = offsets;
  }

  static open(stream: PdfStream, ctx: StreamContext, limits: DecodeLimits, lenient: boolean, warn: (m: string) => void): ObjectStream {
    const int = (key: string): number => {
      const v = ctx.resolve(stream.dict.entries.get(key));
      if (v?.kind !== 'number' || !Number.isInteger(v.value) || v.value < 0) {
        throw new PdfError('PDF_SYNTAX', `object stream /${key} is missing or invalid`);
      }
      return v.value;
    };
    const n = int('N');
    const first = int('First');
    if (n > limits.maxObjects) throw new PdfError('PDF_LIMIT', `object stream declares ${n} objects (maxObjects ${limits.maxObjects})`);
    const data = decodeStream(stream, ctx, limits);
    const parser = new Parser(data, { lenient, maxDepth: limits.maxDepth, warn });
    const lex = parser.lex;
    const nums: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) {
      lex.skipWs();
      const num = lex.readUInt();
      lex.skipWs();
      const off = lex.readUInt();
      if (num < 0 || off < 0) {
        if (!lenient) throw new PdfError('PDF_SYNTAX', `object stream index is malformed at entry ${i}`);
        warn(`object stream index is malformed at entry ${i}; ${i} of ${n} objects kept`);
        break;
      }
      nums.push(num);
      offsets.push(off);
    }
    return new ObjectStream(data, first, nums, offsets, lenient, limits.maxDepth, warn);
  }

  /** The object at `index`; PdfError when the index is out of range. */
  get(index: number): PdfObject {
    const hit = this.cache.get(index);
    if (hit) return hit;
    const off = this.offsets[index];
    if (off === undefined) throw new PdfError('PDF_OBJECT_NOT_FOUND', `object stream has no object at index ${index}`);
    const parser = new Parser(this.data, { lenient: this.lenient, maxDepth: this.maxDepth, warn: this.warn }, this.first + off);
    const value = parser.parseObject(0);
    this.cache.set(index, value);
    return value;
  }
}
