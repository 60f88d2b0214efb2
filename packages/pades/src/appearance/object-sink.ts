/**
 * The narrow write interface appearance builders need from a PDF writer: allocate object
 * numbers and store objects. `IncrementalUpdate` of `@paraphe/pdf` satisfies it; tests use a
 * plain in-memory map.
 */
import type { PdfObject, PdfRef } from '@paraphe/pdf';

export interface ObjectSink {
  allocate(): PdfRef;
  set(ref: PdfRef, obj: PdfObject): void;
}

/** Allocates a reference and stores `obj` under it in one step. */
export function addObject(sink: ObjectSink, obj: PdfObject): PdfRef {
  const ref = sink.allocate();
  sink.set(ref, obj);
  return ref;
}
