/** Public entry points for archive timestamps: add one (B-LTA), or renew (validation data for the last one, then a new one). */
import { addValidationData } from '../dss/add-validation-data.js';
import { concatBytes } from '../cms/der.js';
import { createDocumentTimestampUpdate } from './create-document-timestamp-update.js';
import { loadForSigning } from './document-access.js';
import { assertPageTreeSound, assertSafeToAppend } from './preconditions.js';
import { mapPdfErrors } from './sign-error.js';
import type { DocumentTimestampOptions, RenewArchiveOptions } from './sign-options.js';

export async function addDocumentTimestamp(input: Uint8Array, options: DocumentTimestampOptions): Promise<Uint8Array> {
  return mapPdfErrors(async () => {
    const doc = await loadForSigning(input);
    assertSafeToAppend(doc, input);
    assertPageTreeSound(doc);
    // No DocMDP check: DSS and document timestamps are allowed even under P=1 (ISO 32000-2 §12.8.2.2.2).
    const update = await createDocumentTimestampUpdate(doc, options);
    return concatBytes([input, update.tail]);
  });
}

/**
 * Keeps an archive verifiable: validation data for every signature and timestamp not yet
 * covered (including the latest document timestamp), then a new document timestamp over all of it.
 */
export async function renewArchive(input: Uint8Array, options: RenewArchiveOptions): Promise<Uint8Array> {
  const withData = await addValidationData(input, { revocation: options.revocation, ...(options.clock ? { clock: options.clock } : {}) });
  return addDocumentTimestamp(withData, options);
}
