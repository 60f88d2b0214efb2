/**
 * Resource limits that keep hostile files (decompression bombs, deep nesting, huge object
 * counts, pathological decoders) from exhausting memory or time. Exceeding one is PDF_LIMIT.
 */
import { PdfError } from './errors.js';

export interface DecodeLimits {
  /** Largest decoded size of one stream, across its whole filter chain. */
  readonly maxOutputBytes: number;
  /** Longest filter chain accepted on one stream. */
  readonly maxFilters: number;
  /** Deepest nesting of arrays/dictionaries (and of reference chains) accepted. */
  readonly maxDepth: number;
  /** Most objects accepted in one object stream, or found by a recovery scan. */
  readonly maxObjects: number;
  /** Time budget in milliseconds for one decode (0 = none). */
  readonly deadlineMs: number;
  /** Clock used for the deadline; injected so tests stay deterministic. */
  readonly now: () => number;
}

export const DEFAULT_LIMITS: DecodeLimits = Object.freeze({
  maxOutputBytes: 256 * 1024 * 1024,
  maxFilters: 8,
  maxDepth: 256,
  maxObjects: 10_000_000,
  deadlineMs: 0,
  now: () => Date.now(),
});

export function resolveLimits(partial?: Partial<DecodeLimits>): DecodeLimits {
  return partial ? { ...DEFAULT_LIMITS, ...partial } : DEFAULT_LIMITS;
}

/** Tracks a deadline started at construction; `check()` throws PDF_LIMIT once it has passed. */
export class Deadline {
  private readonly end: number;
  constructor(private readonly limits: DecodeLimits) {
    this.end = limits.deadlineMs > 0 ? limits.now() + limits.deadlineMs : Infinity;
  }
  check(what: string): void {
    if (this.end !== Infinity && this.limits.now() > this.end) {
      throw new PdfError('PDF_LIMIT', `${what}: time budget of ${this.limits.deadlineMs} ms exceeded`);
    }
  }
}

export function outputTooLarge(what: string, limits: DecodeLimits): PdfError {
  return new PdfError('PDF_LIMIT', `${what}: decoded output exceeds maxOutputBytes (${limits.maxOutputBytes} bytes)`);
}
