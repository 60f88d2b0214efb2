/**
 * Row types of the credential and trust-service tables (migration 0200_credentials_trust),
 * merged into the `Database` interface so every query on them is typed.
 */

declare module '../../infra/db/schema.js' {
  // Declaration merging: the credential tables join the one Database interface.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends CredentialTables {}
}

/** Which built-in authority issued a certificate: the issuing CA, or the root (for the CA itself). */
export type BuiltinIssuer = 'ca' | 'root';
export type IssuedKind = 'person' | 'seal';

export interface IssuedCertificatesTable {
  id: string;
  issuer: BuiltinIssuer;
  /** Lower-case hex of the serial's magnitude, as OCSP CertIDs carry it. */
  serial_hex: string;
  org_id: string;
  kind: IssuedKind;
  subject: string;
  certificate_pem: string;
  not_after: string;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_at: string;
}

/** The current CRL of each built-in issuer, regenerated on every revocation and before it goes stale. */
export interface CrlStateTable {
  issuer: BuiltinIssuer;
  crl_number: number;
  /** DER, base64. */
  crl: string;
  this_update: string;
  next_update: string;
}

export type CredentialSource = 'issued' | 'imported';
export type CredentialStatus = 'active' | 'revoked';

export interface SigningCredentialsTable {
  id: string;
  org_id: string;
  user_id: string;
  source: CredentialSource;
  /** The register entry, for certificates of the built-in CA (null for imported ones). */
  issued_certificate_id: string | null;
  subject: string;
  issuer_name: string;
  serial_hex: string;
  certificate_pem: string;
  /** Issuer first, concatenated PEM blocks. */
  chain_pem: string;
  /** Base64 DER EncryptedPrivateKeyInfo (PBES2, scrypt, AES-256-CBC) under the holder's signing password. */
  encrypted_key: string;
  not_before: string;
  not_after: string;
  status: CredentialStatus;
  failed_unlocks: number;
  locked_until: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export type SealCustody = 'server' | 'pkcs11';

export interface SealsTable {
  id: string;
  org_id: string;
  department_id: string;
  active_department_id: string | null;
  issued_certificate_id: string;
  subject: string;
  certificate_pem: string;
  chain_pem: string;
  custody: SealCustody;
  /** Master-key wrapped PKCS#8 for custody 'server'. */
  wrapped_key: string | null;
  pkcs11_token_label: string | null;
  pkcs11_key_label: string | null;
  /** CKA_ID, hex. */
  pkcs11_key_id: string | null;
  status: CredentialStatus;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SealGrantsTable {
  seal_id: string;
  user_id: string;
  granted_by: string | null;
  created_at: string;
}

export interface CredentialTables {
  issued_certificates: IssuedCertificatesTable;
  crl_state: CrlStateTable;
  signing_credentials: SigningCredentialsTable;
  seals: SealsTable;
  seal_grants: SealGrantsTable;
}
