/** Public API of PAdES validation. */
export { validate } from './validate.js';
export { formatReport, type ReportLocale } from './format-report.js';
export { ValidationError, type ValidationErrorCode } from './errors.js';
export { DEFAULT_CRYPTO_POLICY, type CryptoPolicy, type AlgorithmUse } from './crypto-policy.js';
export type { ValidateOptions, ValidationPolicy, ValidationFetchers } from './options.js';
export type * from './report.js';
