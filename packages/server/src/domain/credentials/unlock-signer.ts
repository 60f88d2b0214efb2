/**
 * The signing use cases' way to a person's key: the holder's signing password opens the
 * stored key for one Signer, in memory only. Wrong passwords count towards the lockout.
 */
import { keySigner, type Signer } from '@paraphe/pki';
import { SYSTEM_ACTOR, type Actor } from '../identity/identity-context.js';
import type { CredentialContext } from './credential-context.js';
import { openCredentialKey } from './open-credential-key.js';

export interface UnlockSignerOptions {
  readonly orgId: string;
  /** The person signing; the credential must be theirs. */
  readonly userId: string;
  readonly credentialId: string;
  readonly password: string;
  readonly actor?: Actor;
}

export async function unlockSigner(ctx: CredentialContext, options: UnlockSignerOptions): Promise<Signer> {
  const opened = await openCredentialKey(ctx, { ...options, actor: options.actor ?? { ...SYSTEM_ACTOR, type: 'user', id: options.userId } });
  return keySigner(opened.privateKey, opened.certificate, opened.chain);
}
