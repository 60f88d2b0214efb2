/** How an audit event's hash is computed: SHA-256 over the canonical JSON of every stored field, prev_hash included. */
import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../../infra/db/schema.js';
import { canonicalJson } from './canonical-json.js';

/** prev_hash of the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of events that belong to no organisation (platform set-up, operators). */
export const PLATFORM_CHAIN = 'platform';

export type HashedFields = Omit<AuditEventsTable, 'id' | 'hash'>;

export function auditEventHash(e: HashedFields): string {
  const statement = {
    v: 1,
    orgId: e.org_id,
    seq: e.seq,
    prevHash: e.prev_hash,
    occurredAt: e.occurred_at,
    actor: { type: e.actor_type, id: e.actor_id },
    ip: e.ip,
    userAgent: e.user_agent,
    action: e.action,
    target: { type: e.target_type, id: e.target_id },
    // Stored as canonical JSON text already; hashed as that text so a re-encoding is an edit.
    details: e.details,
  };
  return createHash('sha256').update(canonicalJson(statement), 'utf8').digest('hex');
}

/** What an anchor's timestamp covers: the chain, the head's seq and its hash. */
export function anchorStatement(orgId: string, seq: number, headHash: string): Buffer {
  return Buffer.from(`paraphe-audit-anchor/1\n${orgId}\n${seq}\n${headHash}`, 'utf8');
}
