/** Application errors: every failure a client can see carries a stable machine-readable code. */

/**
 * The codes a client may receive. Each one maps to exactly one HTTP status in
 * `api/errors.ts`; add a code there and here together.
 */
export const APP_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'GONE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SETUP_TOKEN_INVALID',
  /** Sign-in refused; deliberately the same for an unknown email, a wrong password and a locked account. */
  'INVALID_CREDENTIALS',
  /** A cookie-authenticated state-changing request without the matching X-CSRF-Token header. */
  'CSRF_FAILED',
  /** The signing password does not open the credential's key. */
  'KEY_BAD_PASSWORD',
  /** Too many wrong signing passwords: the credential is locked for a while. */
  'KEY_LOCKED',
  /** An uploaded PKCS#12 file cannot be read, or its password is wrong. */
  'P12_INVALID',
  /** The certificate (personal or seal) was revoked and can no longer sign. */
  'CERTIFICATE_REVOKED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Safe to show to the client (never secrets, never stack traces). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A configuration problem found at start-up (bad environment variable, unreadable key file). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
  }
}
