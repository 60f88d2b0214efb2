/** Normalisation and checks shared by identity use cases (the HTTP schemas check shapes; these check meaning). */
import { AppError } from '../../errors.js';

/** Emails compare case-insensitively; we store them trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || value.length > 254) throw new AppError('VALIDATION_FAILED', 'invalid email address', { field: 'email' });
  return value;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('VALIDATION_FAILED', `password must have at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  if (password.length > MAX_PASSWORD_LENGTH) throw new AppError('VALIDATION_FAILED', 'password too long', { field: 'password' });
}

export function requireText(value: string, field: string, max = 200): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw new AppError('VALIDATION_FAILED', `${field} must have 1 to ${max} characters`, { field });
  return text;
}

/** A URL-safe identifier derived from a name. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'organisation';
}

/** The not-found answer for ids outside the caller's organisation: the same as for ids that do not exist. */
export function notFound(kind: string): AppError {
  return new AppError('NOT_FOUND', `${kind} not found`);
}
