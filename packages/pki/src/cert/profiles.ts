/**
 * Certificate profiles: which extensions each kind of certificate Paraphe issues carries.
 * person/seal follow the usual document-signing practice (digitalSignature + nonRepudiation,
 * emailProtection and document-signing EKUs); tsa follows RFC 3161 §2.3 (EKU critical).
 */
import type * as pkijs from 'pkijs';
import { OID } from '../asn1/oids.js';
import { PkiError } from '../errors.js';
import { ext } from './extensions.js';
import type { SubjectFields } from './name.js';

export type CertificateProfile = 'root' | 'ca' | 'person' | 'seal' | 'tsa' | 'ocsp';

export const SIGNING_EKUS: readonly string[] = [OID.kpEmailProtection, OID.kpDocumentSigning, OID.msDocumentSigning];

export interface ProfileInput {
  readonly profile: CertificateProfile;
  readonly subject: SubjectFields;
  /** For 'ca': maximum number of intermediate CAs below this one (default 0). */
  readonly pathLength?: number;
}

/** Profile-specific extensions (the caller adds key identifiers and URLs). */
export function profileExtensions({ profile, subject, pathLength }: ProfileInput): pkijs.Extension[] {
  const emails = subject.email ? [subject.email] : [];
  const san = emails.length ? [ext.subjectAltNameEmail(emails)] : [];
  switch (profile) {
    case 'root':
      return [ext.basicConstraints(true), ext.keyUsage(['keyCertSign', 'cRLSign'])];
    case 'ca':
      return [ext.basicConstraints(true, pathLength ?? 0), ext.keyUsage(['keyCertSign', 'cRLSign'])];
    case 'person':
      return [ext.keyUsage(['digitalSignature', 'nonRepudiation']), ext.extKeyUsage(SIGNING_EKUS, false), ...san];
    case 'seal':
      if (!subject.organization || !subject.organizationalUnit) {
        throw new PkiError('PKI_INVALID_INPUT', 'a seal certificate needs subject.organization and subject.organizationalUnit');
      }
      return [ext.keyUsage(['digitalSignature', 'nonRepudiation']), ext.extKeyUsage(SIGNING_EKUS, false), ...san];
    case 'tsa':
      return [ext.keyUsage(['digitalSignature']), ext.extKeyUsage([OID.kpTimeStamping], true)];
    case 'ocsp':
      return [ext.keyUsage(['digitalSignature']), ext.extKeyUsage([OID.kpOcspSigning], false), ext.ocspNoCheck()];
  }
}
