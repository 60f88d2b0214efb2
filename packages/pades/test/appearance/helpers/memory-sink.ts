/** An in-memory ObjectSink for tests: numbers objects from 1 and keeps them in a map. */
import { pdfRef, type PdfObject, type PdfRef } from '@paraphe/pdf';
import type { ObjectSink } from '../../../src/appearance/index.js';

export class MemorySink implements ObjectSink {
  readonly objects = new Map<number, PdfObject>();
  private next = 1;

  allocate(): PdfRef {
    return pdfRef(this.next++);
  }

  set(ref: PdfRef, obj: PdfObject): void {
    this.objects.set(ref.num, obj);
  }

  get(ref: PdfRef): PdfObject {
    const obj = this.objects.get(ref.num);
    if (!obj) throw new Error(`object ${ref.num} was allocated but never set`);
    return obj;
  }
}
