/** Public API of the PDF engine: reader (revision model), filters, serializer, incremental writer. */
export * from './objects.js';
export * from './errors.js';
export { PdfDocument } from './document.js';
export type { XrefEntry, Revision, LoadOptions } from './xref/types.js';
export type { EncryptionInfo } from './encryption.js';
export { DEFAULT_LIMITS, type DecodeLimits } from './limits.js';
export { decodeStream, decodeStreamDetailed, type DecodedStream, type StreamContext } from './filters/decode.js';
export { flateEncode } from './filters/flate.js';
export { serializeObject, serializeIndirect, formatNumber } from './serialize.js';
export { IncrementalUpdate, type BuiltUpdate, type IncrementalUpdateOptions } from './writer/incremental-update.js';
export { Parser, type ParserOptions, type IndirectObject } from './parser.js';
