/**
 * Checks audit chains and says what was tampered with: an event edited (its content no longer
 * matches its hash, or it was re-hashed and no longer matches what the next event recorded),
 * deleted (a seq is missing, or the chain is shorter than its recorded head or an anchor),
 * inserted (an event no other event links to, or beyond the recorded head) or reordered (an
 * event whose hash is valid only at another seq). Anchors' RFC 3161 tokens are checked too.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { verifyTimestampToken } from '@paraphe/pki';
import type { AuditAnchorsTable, AuditEventsTable, Database } from '../../infra/db/schema.js';
import { anchorStatement, auditEventHash, GENESIS_HASH } from './audit-hash.js';

export type AuditFindingKind = 'EDITED' | 'DELETED' | 'INSERTED' | 'REORDERED' | 'ANCHOR_MISMATCH' | 'ANCHOR_INVALID';

export interface AuditFinding {
  readonly kind: AuditFindingKind;
  /** The seq concerned: for DELETED the first missing seq, for REORDERED the seq the event is stored at now. */
  readonly seq: number;
  readonly message: string;
}

export interface AuditChainReport {
  readonly orgId: string;
  readonly valid: boolean;
  readonly events: number;
  /** Last seq according to the chain head record. */
  readonly headSeq: number | null;
  readonly anchors: number;
  /** Latest anchored seq and the TSA's time for it. */
  readonly lastAnchor: { readonly seq: number; readonly time: string } | null;
  readonly findings: readonly AuditFinding[];
}

export interface AuditVerification {
  readonly valid: boolean;
  readonly chains: readonly AuditChainReport[];
}

export interface VerifyAuditChainOptions {
  /** Only this chain (an organisation id or 'platform'); default: every chain. */
  readonly orgId?: string;
  /** The TSA certificate anchors must be signed with (the built-in TSA's). */
  readonly tsaCertificate?: Uint8Array;
}

export async function verifyAuditChain(db: Kysely<Database>, options: VerifyAuditChainOptions = {}): Promise<AuditVerification> {
  const chainIds = options.orgId !== undefined ? [options.orgId] : await listChains(db);
  const chains: AuditChainReport[] = [];
  for (const orgId of chainIds) {
    const events = await db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    const head = await db.selectFrom('audit_heads').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    const anchors = await db.selectFrom('audit_anchors').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    const findings = checkChain(events, head ? { seq: head.seq, hash: head.hash } : null, anchors, options.tsaCertificate);
    const last = anchors.at(-1);
    chains.push({
      orgId,
      valid: findings.length === 0,
      events: events.length,
      headSeq: head?.seq ?? null,
      anchors: anchors.length,
      lastAnchor: last ? { seq: last.seq, time: last.tsa_time } : null,
      findings,
    });
  }
  return { valid: chains.every((c) => c.valid), chains };
}

async function listChains(db: Kysely<Database>): Promise<string[]> {
  const fromEvents = await db.selectFrom('audit_events').select('org_id').distinct().execute();
  const fromHeads = await db.selectFrom('audit_heads').select('org_id').execute();
  return [...new Set([...fromEvents, ...fromHeads].map((r) => r.org_id))].sort();
}

interface Placed {
  readonly row: AuditEventsTable;
  /** The seq the event was written with, as far as its hash tells. */
  readonly original: number;
  readonly intact: boolean;
}

/** Pure: the findings for one chain's rows (any order), its head record and its anchors. */
export function checkChain(
  rows: readonly AuditEventsTable[],
  head: { seq: number; hash: string } | null,
  anchors: readonly AuditAnchorsTable[] = [],
  tsaCertificate?: Uint8Array,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const add = (f: AuditFinding) => {
    if (!findings.some((g) => g.kind === f.kind && g.seq === f.seq)) findings.push(f);
  };
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const byHash = new Map(sorted.map((r) => [r.hash, r]));

  // The seq each event was written with: its own when its hash says so, otherwise one more than
  // its predecessor's (found through prev_hash), when the hash holds at that position.
  const originals = new Map<AuditEventsTable, number | null>();
  const originalOf = (row: AuditEventsTable, depth = 0): number | null => {
    if (originals.has(row)) return originals.get(row)!;
    let original: number | null = null;
    if (auditEventHash(row) === row.hash) original = row.seq;
    else if (depth < sorted.length) {
      const predecessor = row.prev_hash === GENESIS_HASH ? 0 : (() => {
        const p = byHash.get(row.prev_hash);
        return p && p !== row ? originalOf(p, depth + 1) : null;
      })();
      if (predecessor !== null && auditEventHash({ ...row, seq: predecessor + 1 }) === row.hash) original = predecessor + 1;
    }
    originals.set(row, original);
    return original;
  };
  const placed: Placed[] = sorted.map((row) => {
    const original = originalOf(row);
    if (original === row.seq) return { row, original, intact: true };
    if (original !== null) {
      add({ kind: 'REORDERED', seq: row.seq, message: `event stored at seq ${row.seq} was recorded as seq ${original}` });
      return { row, original, intact: true };
    }
    add({ kind: 'EDITED', seq: row.seq, message: `event seq ${row.seq} (${row.action}) does not match its hash: its content was changed` });
    return { row, original: row.seq, intact: false };
  });
  // Events some other event names as its predecessor: the genuine one among look-alikes.
  const hasSuccessor = new Set(sorted.map((r) => r.prev_hash));

  placed.sort((a, b) => a.original - b.original || a.row.seq - b.row.seq);
  let expected = 1;
  let previous: Placed | undefined;
  for (let i = 0; i < placed.length; ) {
    const original = placed[i]!.original;
    const group: Placed[] = [];
    while (i < placed.length && placed[i]!.original === original) group.push(placed[i++]!);
    if (original > expected) {
      add({ kind: 'DELETED', seq: expected, message: missing(expected, original - 1) });
    }
    const previousHash = previous ? previous.row.hash : GENESIS_HASH;
    const links = group.filter((p) => p.row.prev_hash === previousHash);
    const linked = links.find((p) => hasSuccessor.has(p.row.hash)) ?? links[0];
    const chosen = linked ?? group.find((p) => p.intact) ?? group[0]!;
    for (const other of group) {
      if (other !== chosen) add({ kind: 'INSERTED', seq: other.row.seq, message: `event seq ${other.row.seq} (${other.row.action}) was inserted: no event links to it` });
    }
    if (!linked && original === expected && chosen.intact) {
      if (previous?.intact) {
        add({ kind: 'EDITED', seq: previous.row.seq, message: `event seq ${previous.row.seq} (${previous.row.action}) was rewritten: its hash differs from the one event seq ${chosen.row.seq} recorded` });
      } else if (!previous && original === 1) {
        add({ kind: 'INSERTED', seq: chosen.row.seq, message: `event seq ${chosen.row.seq} does not start from the chain's genesis` });
      }
    }
    previous = chosen;
    expected = original + 1;
  }

  const lastSeq = expected - 1;
  if (head && head.seq > 0) {
    if (previous && previous.row.hash === head.hash) {
      // The recorded head is the last event: the chain is complete.
    } else if (lastSeq < head.seq) add({ kind: 'DELETED', seq: lastSeq + 1, message: `${missing(lastSeq + 1, head.seq)} (the chain head records seq ${head.seq})` });
    else if (lastSeq > head.seq) {
      for (const p of placed.filter((q) => q.original > head.seq)) {
        add({ kind: 'INSERTED', seq: p.row.seq, message: `event seq ${p.row.seq} (${p.row.action}) lies beyond the recorded chain head (seq ${head.seq})` });
      }
    } else if (previous && previous.row.hash !== head.hash && previous.intact) {
      add({ kind: 'EDITED', seq: previous.row.seq, message: `event seq ${previous.row.seq} (${previous.row.action}) was rewritten: its hash differs from the recorded chain head` });
    }
  } else if (!head && placed.length > 0) {
    add({ kind: 'INSERTED', seq: placed[0]!.row.seq, message: 'events exist for a chain that has no head record' });
  }

  const byOriginal = new Map(placed.map((p) => [p.original, p]));
  for (const anchor of anchors) {
    const event = byOriginal.get(anchor.seq);
    if (!event) {
      add({ kind: 'DELETED', seq: anchor.seq, message: `event seq ${anchor.seq} was anchored at ${anchor.tsa_time} and is gone` });
    } else if (event.row.hash !== anchor.head_hash) {
      add({ kind: 'ANCHOR_MISMATCH', seq: anchor.seq, message: `event seq ${anchor.seq} differs from the version time-stamped at ${anchor.tsa_time}` });
    }
    const reason = anchorTokenProblem(anchor, tsaCertificate);
    if (reason) add({ kind: 'ANCHOR_INVALID', seq: anchor.seq, message: `the time-stamp anchoring seq ${anchor.seq} is invalid: ${reason}` });
  }
  return findings.sort((a, b) => a.seq - b.seq);
}

function missing(from: number, to: number): string {
  return from === to ? `event seq ${from} was deleted` : `events seq ${from} to ${to} were deleted`;
}

/** Null when the anchor's token time-stamps exactly this chain head; otherwise why not. */
function anchorTokenProblem(anchor: AuditAnchorsTable, tsaCertificate: Uint8Array | undefined): string | null {
  const imprint = new Uint8Array(createHash('sha256').update(anchorStatement(anchor.org_id, anchor.seq, anchor.head_hash)).digest());
  try {
    const token = verifyTimestampToken(new Uint8Array(Buffer.from(anchor.token, 'base64')), {
      imprint,
      hash: 'SHA-256',
      ...(tsaCertificate ? { tsaCertificate } : {}),
    });
    if (token.genTime.toISOString() !== anchor.tsa_time) return `the stored time ${anchor.tsa_time} differs from the token's ${token.genTime.toISOString()}`;
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return `${code ? `${code}: ` : ''}${(error as Error).message}`;
  }
}
