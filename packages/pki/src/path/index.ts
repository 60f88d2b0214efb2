/** Certificate path validation and revocation checking (RFC 5280, RFC 6960): the public surface. */
export type {
  AlgorithmDescription, AlgorithmPolicy, Indication, PathFetchers, PathValidationOptions, PathValidationResult, PolicyOptions,
  RevocationMode, RevocationSummary, SubIndication,
} from './types.js';
export { PathValidationError, type PathErrorClass } from './errors.js';
export { validateCertPath } from './validate-cert-path.js';
export { buildPaths, type BuildPathsOptions } from './build-paths.js';
export { checkCrl, type CrlCheck, type CrlCheckOptions } from './crl.js';
export { checkOcspResponse, type OcspCheck, type OcspCheckOptions } from './ocsp.js';
