/** CRLReason codes (RFC 5280 §5.3.1), shared by CRL entries and OCSP revoked statuses. */
import { PkiError } from './errors.js';

export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'removeFromCRL'
  | 'privilegeWithdrawn'
  | 'aACompromise';

const CODES: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};

export function reasonCode(r: RevocationReason): number {
  return CODES[r];
}

export function reasonFromCode(code: number): RevocationReason {
  const found = (Object.keys(CODES) as RevocationReason[]).find((k) => CODES[k] === code);
  if (!found) throw new PkiError('PKI_UNSUPPORTED', `unknown CRLReason code ${code}`);
  return found;
}
