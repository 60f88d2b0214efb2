/**
 * B-LT signing also brings the earlier signatures and document timestamps of the file up to
 * date: VRI entries for those the DSS does not cover yet, when their revocation data can be had.
 * A signature whose data cannot be gathered is reported as a warning, never a signing failure.
 */
import type { PdfDocument } from '@paraphe/pdf';
import { CmsError } from '../cms/cms-error.js';
import { allEmbeddedCertificates } from '../cms/read-signed-data.js';
import { collectValidationData } from '../dss/collect-validation-data.js';
import type { RevocationSource } from '../dss/revocation-source.js';
import { vriKey } from '../dss/vri-key.js';
import { existingVriKeys, type VriEntry } from '../dss/write-dss.js';
import { signedFields } from './form-fields.js';
import { SignError } from './sign-error.js';
import type { SignWarning } from './sign-options.js';

/**
 * VRI entries for the signed fields of `doc` other than `exceptKey` (the new signature) that the
 * DSS does not cover; `warn` receives each one left out and why.
 */
export async function earlierValidationData(
  doc: PdfDocument,
  revocation: RevocationSource,
  exceptKey: string,
  warn: (w: SignWarning) => void,
): Promise<VriEntry[]> {
  const covered = existingVriKeys(doc);
  covered.add(exceptKey);
  const entries: VriEntry[] = [];
  for (const field of signedFields(doc)) {
    const contents = field.value?.entries.get('Contents');
    const value = contents ? doc.resolve(contents) : undefined;
    if (value?.kind !== 'string') continue;
    const key = vriKey(value.bytes);
    if (covered.has(key)) continue;
    covered.add(key);
    try {
      const certs = allEmbeddedCertificates(value.bytes);
      entries.push({ key, material: await collectValidationData(certs, revocation) });
    } catch (e) {
      // Missing chains or revocation data (SignError) and unreadable CMS (CmsError) are facts about
      // that earlier signature; anything else is a fault of ours and propagates.
      if (!(e instanceof SignError) && !(e instanceof CmsError)) throw e;
      warn({
        code: 'SIGN_EARLIER_VALIDATION_DATA_UNAVAILABLE',
        field: field.name,
        reason: e.code,
        message: `validation data for the earlier signature "${field.name}" was not added: ${e.message}`,
      });
    }
  }
  return entries;
}
