/**
 * Signs a PDF at a PAdES baseline level (ETSI EN 319 142-1): the signature in one incremental
 * update, then (B-LT) its validation data in a DSS update, then (B-LTA) a document timestamp.
 * Earlier revisions, and so earlier signatures, stay byte-identical.
 */
import type { PdfDocument } from '@paraphe/pdf';
import { concatBytes } from '../cms/der.js';
import { allEmbeddedCertificates } from '../cms/read-signed-data.js';
import { collectValidationData } from '../dss/collect-validation-data.js';
import { createDssUpdate } from '../dss/create-dss-update.js';
import { vriKey } from '../dss/vri-key.js';
import { createDocumentTimestampUpdate } from './create-document-timestamp-update.js';
import { earlierValidationData } from './earlier-validation-data.js';
import { createSignatureUpdate, effectiveHash, type SignatureUpdate } from './create-signature-update.js';
import { loadForSigning } from './document-access.js';
import { assertPageTreeSound, assertSafeToAppend, assertSigningAllowed } from './preconditions.js';
import { SignError, mapPdfErrors } from './sign-error.js';
import type { PadesLevel, SignOptions } from './sign-options.js';

export function resolveLevel(options: SignOptions): PadesLevel {
  const level = options.level ?? (options.timestamper ? 'B-T' : 'B-B');
  if (level !== 'B-B' && !options.timestamper) {
    throw new SignError('SIGN_BAD_OPTIONS', `level ${level} needs a timestamper (a time-stamping authority)`);
  }
  if ((level === 'B-LT' || level === 'B-LTA') && !options.revocation) {
    throw new SignError('SIGN_BAD_OPTIONS', `level ${level} needs a revocation source (OCSP responder or CRLs)`);
  }
  if (options.visible && !(options.visible.width > 0 && options.visible.height > 0 && Number.isInteger(options.visible.page) && options.visible.page >= 1)) {
    throw new SignError('SIGN_BAD_OPTIONS', 'a visible signature needs a page ≥ 1 and a positive width and height');
  }
  return level;
}

/** Loads and checks the input, then builds the signature update (B-B or B-T). */
export async function prepareSignature(input: Uint8Array, options: SignOptions): Promise<{ level: PadesLevel; signature: SignatureUpdate }> {
  const level = resolveLevel(options);
  const doc = await loadForSigning(input);
  assertSafeToAppend(doc, input);
  assertPageTreeSound(doc);
  assertSigningAllowed(doc, options.certify);
  const signature = await createSignatureUpdate(doc, options, level !== 'B-B');
  return { level, signature };
}

/**
 * Appends the B-LT and B-LTA updates to an already signed file (`signed` = input + signature
 * update); returns the extra tails to append after it.
 */
export async function extendToLevel(
  signed: Uint8Array,
  level: PadesLevel,
  signature: SignatureUpdate,
  options: SignOptions,
): Promise<Uint8Array[]> {
  if (level === 'B-B' || level === 'B-T') return [];
  let bytes = signed;
  let doc: PdfDocument = await loadForSigning(bytes);
  const certs = allEmbeddedCertificates(signature.der);
  const revocation = options.revocation ?? {};
  const material = await collectValidationData(certs, revocation, options.signer.chain);
  const key = vriKey(signature.contentsValue);
  // Earlier signatures and document timestamps that lack validation data get it in the same DSS update.
  const earlier = await earlierValidationData(doc, revocation, key, (w) => options.onWarning?.(w));
  const dssTail = createDssUpdate(doc, [{ key, material }, ...earlier]);
  if (level === 'B-LT') return [dssTail];
  bytes = concatBytes([bytes, dssTail]);
  doc = await loadForSigning(bytes);
  const ts = await createDocumentTimestampUpdate(doc, {
    timestamper: options.timestamper as NonNullable<SignOptions['timestamper']>,
    hash: effectiveHash(options),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return [dssTail, ts.tail];
}

export async function signPdf(input: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  return mapPdfErrors(async () => {
    const { level, signature } = await prepareSignature(input, options);
    const signed = concatBytes([input, signature.tail]);
    const extra = await extendToLevel(signed, level, signature, options);
    return extra.length === 0 ? signed : concatBytes([signed, ...extra]);
  });
}
