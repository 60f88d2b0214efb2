/**
 * The placeholder protocol shared by signatures and document timestamps: write the update with
 * fixed-width /ByteRange and a zeroed /Contents, patch the ByteRange, hash everything but the
 * /Contents gap, obtain the CMS, and hex it into the gap. Retries once with a larger
 * placeholder when the CMS turns out bigger than estimated.
 */
import { IncrementalUpdate, type PdfArray, type PdfDocument, type PdfRef, type PdfString } from '@paraphe/pdf';
import type { HashAlgorithm } from '@paraphe/pki';
import { digestByteRange } from './byte-range-digest.js';
import {
  byteRangePlaceholder, contentsCapacity, contentsPlaceholder, fillContents, locatePlaceholders, patchByteRange,
  type ByteRange,
} from './placeholder.js';
import { SignError } from './sign-error.js';

export interface SignedUpdateSpec {
  readonly hash: HashAlgorithm;
  /** Initial /Contents capacity in bytes. */
  readonly estimatedSize: number;
  /** Writes everything the update holds (field, widget, signature dictionary); returns the signature dictionary's reference. */
  stage(update: IncrementalUpdate, placeholders: { byteRange: PdfArray; contents: PdfString }): PdfRef;
  /** Produces the /Contents value (CMS or timestamp token) from the ByteRange digest. */
  contents(digest: Uint8Array): Promise<Uint8Array>;
}

export interface SignedUpdate {
  /** Bytes to append to the document's bytes. */
  readonly tail: Uint8Array;
  readonly byteRange: ByteRange;
  /** The DER written into /Contents (without padding). */
  readonly der: Uint8Array;
  /** The full /Contents string value, padding included (the VRI key is its SHA-1). */
  readonly contentsValue: Uint8Array;
}

/** Slack added to the measured size when retrying: timestamp tokens vary by a few bytes. */
const RETRY_SLACK = 2048;

export async function appendSignedUpdate(doc: PdfDocument, spec: SignedUpdateSpec): Promise<SignedUpdate> {
  const first = await attempt(doc, spec, spec.estimatedSize);
  if (first.fits) return first.result;
  const second = await attempt(doc, spec, first.needed + RETRY_SLACK);
  if (second.fits) return second.result;
  throw new SignError('SIGN_CONTENTS_TOO_SMALL', `the CMS (${second.needed} bytes) still does not fit its placeholder`);
}

type Attempt = { fits: true; result: SignedUpdate } | { fits: false; needed: number };

async function attempt(doc: PdfDocument, spec: SignedUpdateSpec, size: number): Promise<Attempt> {
  const update = new IncrementalUpdate(doc);
  const sigRef = spec.stage(update, { byteRange: byteRangePlaceholder(), contents: contentsPlaceholder(size) });
  const built = update.build();
  const tail = built.tail; // owned by us: patched in place
  const base = doc.bytes.length;
  const objectOffset = built.offsets.get(sigRef.num);
  if (objectOffset === undefined) throw new SignError('SIGN_WRITE', 'the signature dictionary was not written');
  const loc = locatePlaceholders(tail, objectOffset - base);
  const byteRange = patchByteRange(tail, loc, base);
  const digest = digestByteRange([doc.bytes, tail], byteRange, spec.hash);
  const der = await spec.contents(digest);
  const capacity = contentsCapacity(loc);
  if (der.length > capacity) return { fits: false, needed: der.length };
  fillContents(tail, loc, der);
  const contentsValue = new Uint8Array(capacity);
  contentsValue.set(der);
  return { fits: true, result: { tail, byteRange, der, contentsValue } };
}
