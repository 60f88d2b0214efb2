/** Shapes of the API answers the app reads (see /api/openapi.json for the full contract). */

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly title: string | null;
  readonly roles: readonly string[];
}

export interface OrganisationView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

/** Answer of POST /api/auth/login and POST /api/setup. */
export interface SignedIn {
  readonly user: UserView;
  readonly organisation: OrganisationView;
  readonly csrfToken: string;
}

/** Answer of GET /api/session. */
export interface SessionView {
  readonly kind: 'user' | 'token';
  readonly user?: UserView;
  readonly organisation: OrganisationView;
  readonly roles: readonly string[];
  readonly csrfToken?: string;
}

/** The validation report of DESIGN.md §3, as POST /api/verify returns it. */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
export type Modification = 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER';
export type Coverage = 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'CONTIGUOUS_BLOCK_FROM_START' | 'UNCLEAR';
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface SignatureReport {
  readonly field: string;
  readonly type: 'signature' | 'doc-timestamp';
  readonly indication: Indication;
  readonly subIndication: string | null;
  readonly intact: boolean;
  readonly cryptoValid: boolean;
  readonly trusted: boolean;
  readonly coverage: Coverage;
  readonly modification: Modification;
  readonly changes: readonly string[];
  readonly level: PadesLevel | null;
  readonly signer: { readonly subject: string; readonly issuer: string; readonly serial: string } | null;
  readonly signingTime: { readonly claimed: string | null; readonly timestamp: string | null };
  readonly revocation: { readonly status: 'good' | 'revoked' | 'unknown'; readonly source: string | null };
  readonly reasons: readonly string[];
}

export interface ValidationReport {
  readonly indication: Indication;
  readonly signatures: readonly SignatureReport[];
  readonly warnings: readonly string[];
  readonly validationTime: string;
}
