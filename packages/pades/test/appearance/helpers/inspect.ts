/** Reads back what an appearance wrote into a MemorySink: objects by type, decoded streams. */
import { inflateSync } from 'node:zlib';
import type { PdfDict, PdfObject, PdfRef, PdfStream } from '@paraphe/pdf';
import type { MemorySink } from './memory-sink.js';

export function dictOf(obj: PdfObject): PdfDict {
  if (obj.kind === 'dict') return obj;
  if (obj.kind === 'stream') return obj.dict;
  throw new Error(`expected a dictionary, got ${obj.kind}`);
}

export function entry(obj: PdfObject, key: string): PdfObject | undefined {
  return dictOf(obj).entries.get(key);
}

export function nameOf(obj: PdfObject | undefined): string | undefined {
  return obj?.kind === 'name' ? obj.value : undefined;
}

export function numberOf(obj: PdfObject | undefined): number {
  if (obj?.kind !== 'number') throw new Error('expected a number');
  return obj.value;
}

export function itemsOf(obj: PdfObject | undefined): readonly PdfObject[] {
  if (obj?.kind !== 'array') throw new Error('expected an array');
  return obj.items;
}

export function resolve(sink: MemorySink, obj: PdfObject | undefined): PdfObject {
  if (!obj) throw new Error('missing entry');
  return obj.kind === 'ref' ? sink.get(obj as PdfRef) : obj;
}

/** Every stored object whose /Type or /Subtype is `name`. */
export function objectsOfType(sink: MemorySink, name: string): PdfObject[] {
  return [...sink.objects.values()].filter(
    (o) => (o.kind === 'dict' || o.kind === 'stream') && (nameOf(entry(o, 'Type')) === name || nameOf(entry(o, 'Subtype')) === name),
  );
}

/** Stream data with /FlateDecode undone (other filters are returned as stored). */
export function streamData(obj: PdfObject): Uint8Array {
  if (obj.kind !== 'stream') throw new Error(`expected a stream, got ${obj.kind}`);
  const s = obj as PdfStream;
  return nameOf(entry(s, 'Filter')) === 'FlateDecode' ? new Uint8Array(inflateSync(s.raw)) : s.raw;
}

export function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
