/** Rules for signing passwords and for locking a credential after repeated wrong ones. */
import { AppError } from '../../errors.js';

export const MIN_SIGNING_PASSWORD_LENGTH = 10;
export const MAX_SIGNING_PASSWORD_LENGTH = 1024;
/** Wrong signing passwords in a row before the credential locks. */
export const MAX_FAILED_UNLOCKS = 5;
export const UNLOCK_LOCKOUT_MS = 15 * 60_000;

export function checkNewSigningPassword(password: string, field = 'signingPassword'): void {
  if (password.length < MIN_SIGNING_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `the signing password needs at least ${MIN_SIGNING_PASSWORD_LENGTH} characters`, { field });
  }
  if (password.length > MAX_SIGNING_PASSWORD_LENGTH) throw new AppError('VALIDATION_FAILED', 'the signing password is too long', { field });
}
