/**
 * Upgrades a signed PDF to B-LT: for every signature and document timestamp whose validation
 * data is not yet in the DSS, gathers chains and revocation data and appends one DSS update.
 */
import type { PdfDocument } from '@paraphe/pdf';
import { allEmbeddedCertificates } from '../cms/read-signed-data.js';
import { concatBytes } from '../cms/der.js';
import { loadForSigning } from '../sign/document-access.js';
import { signedFields } from '../sign/form-fields.js';
import { assertSafeToAppend } from '../sign/preconditions.js';
import { SignError, mapPdfErrors } from '../sign/sign-error.js';
import type { ValidationDataOptions } from '../sign/sign-options.js';
import { collectValidationData } from './collect-validation-data.js';
import { createDssUpdate } from './create-dss-update.js';
import { vriKey } from './vri-key.js';
import { existingVriKeys, type VriEntry } from './write-dss.js';

export async function addValidationData(input: Uint8Array, options: ValidationDataOptions): Promise<Uint8Array> {
  return mapPdfErrors(async () => {
    const doc = await loadForSigning(input);
    assertSafeToAppend(doc, input);
    const entries = await missingValidationData(doc, options);
    if (entries.length === 0) return input;
    return concatBytes([input, createDssUpdate(doc, entries)]);
  });
}

/** VRI entries for the signatures (and document timestamps) the DSS does not cover yet. */
export async function missingValidationData(doc: PdfDocument, options: ValidationDataOptions): Promise<VriEntry[]> {
  const covered = existingVriKeys(doc);
  const entries: VriEntry[] = [];
  for (const field of signedFields(doc)) {
    const contents = field.value?.entries.get('Contents');
    const value = contents ? doc.resolve(contents) : undefined;
    if (value?.kind !== 'string') continue;
    const key = vriKey(value.bytes);
    if (covered.has(key)) continue;
    let certs: Uint8Array[];
    try {
      certs = allEmbeddedCertificates(value.bytes);
    } catch (e) {
      throw new SignError('SIGN_NOT_PDF', `signature "${field.name}" has an unreadable CMS: ${(e as Error).message}`, e);
    }
    entries.push({ key, material: await collectValidationData(certs, options.revocation) });
    covered.add(key);
  }
  return entries;
}
