/**
 * Row types of the foundation tables, for Kysely. Conventions (both databases behave the same):
 * ids are UUID strings, times ISO-8601 UTC text, booleans integers 0/1, JSON as text.
 * Other areas declare their tables in their own `*-tables.ts` and extend `Database`.
 */
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: string;
  name: string;
  slug: string;
  created_at: string;
}

/** Key/value settings; `scope` is 'platform' or an organisation id. `value` is JSON. */
export interface SettingsTable {
  scope: string;
  key: string;
  value: string;
  updated_at: string;
}

export interface SetupTokensTable {
  id: string;
  /** SHA-256 hex of the token; the token itself is only ever printed once. */
  token_hash: string;
  purpose: string;
  created_at: string;
  expires_at: string | null;
  used_at: string | null;
}

/** Certificates and server-wrapped keys of the built-in PKI (root, issuing CA, TSA, OCSP). */
export interface PkiMaterialTable {
  id: string;
  role: string;
  certificate_pem: string;
  /** AES-256-GCM wrapped PKCS#8 (see infra/keys/master-key.ts); null when the key lives elsewhere. */
  wrapped_key: string | null;
  created_at: string;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: string;
  /** The chain: an organisation id, or 'platform' for events before/outside any organisation. */
  org_id: string;
  seq: number;
  prev_hash: string;
  hash: string;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Canonical JSON object. */
  details: string;
}

/** The last event of each chain, so a deleted tail is noticed. */
export interface AuditHeadsTable {
  org_id: string;
  seq: number;
  hash: string;
  updated_at: string;
}

export interface AuditAnchorsTable {
  id: string;
  org_id: string;
  seq: number;
  head_hash: string;
  /** DER RFC 3161 TimeStampToken, base64. */
  token: string;
  tsa_time: string;
  created_at: string;
}

export type OutboxChannel = 'mail' | 'sms';
export type OutboxStatus = 'queued' | 'sent' | 'failed';

export interface OutboxMessagesTable {
  id: string;
  org_id: string | null;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  settings: SettingsTable;
  setup_tokens: SetupTokensTable;
  pki_material: PkiMaterialTable;
  blobs: BlobsTable;
  jobs: JobsTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  audit_anchors: AuditAnchorsTable;
  outbox_messages: OutboxMessagesTable;
}
