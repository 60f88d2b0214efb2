/** Signing side of @paraphe/pades: the public surface of sign/, cms/ and dss/. */
export { signPdf } from './sign-pdf.js';
export { signPdfFile, writeAtomically } from './sign-pdf-file.js';
export { addDocumentTimestamp, renewArchive } from './add-document-timestamp.js';
export { addValidationData } from '../dss/add-validation-data.js';
export { SignError, type SignErrorCode } from './sign-error.js';
export type {
  SignOptions, SignWarning, VisibleSignature, ValidationDataOptions, DocumentTimestampOptions, RenewArchiveOptions,
} from './sign-options.js';
export type { RevocationSource } from '../dss/revocation-source.js';
export type { Timestamper } from '../cms/build-signed-data.js';
export { buildSignedData, type BuildSignedDataOptions, type SignedDataResult } from '../cms/build-signed-data.js';
export { CmsError, type CmsErrorCode } from '../cms/cms-error.js';
