/** The password hasher the routes of one server use: argon2id with the default parameters unless a test or an embedder sets another. */
import type { AppContext } from '../../context.js';
import { argon2Hasher, type PasswordHasher } from '../../domain/identity/password-hasher.js';

const hashers = new WeakMap<AppContext, PasswordHasher>();
let defaultHasher: PasswordHasher | undefined;

export function passwordHasherFor(ctx: AppContext): PasswordHasher {
  const hasher = hashers.get(ctx);
  if (hasher) return hasher;
  defaultHasher ??= argon2Hasher();
  return defaultHasher;
}

export function usePasswordHasher(ctx: AppContext, hasher: PasswordHasher): void {
  hashers.set(ctx, hasher);
}
