/** Maps our fine-grained errorClass to the pyHanko certvalidator error class the public fixtures name. */
export function pyhankoClass(errorClass: string | undefined): string {
  switch (errorClass) {
    case 'Revoked': return 'RevokedError';
    case 'RevocationStale': return 'StaleRevinfoError';
    case 'RevocationUnavailable': case 'DeltaCRLStale': case 'CRLInvalid': case 'CRLScope':
    case 'CRLReasonsNotCovered': case 'CRLIssuerInvalid': case 'OCSPInvalid': case 'FetchFailed':
      return 'InsufficientRevinfoError';
    default: return 'PathValidationError';
  }
}
