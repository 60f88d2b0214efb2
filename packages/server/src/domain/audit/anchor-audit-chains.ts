/**
 * Anchors every audit chain that grew since its last anchor: an RFC 3161 time-stamp of the
 * chain head (organisation, seq, hash), stored in `audit_anchors`. Run periodically as the
 * `audit.anchor` job; a later edit of an anchored event is then provable against the TSA.
 */
import { createHash } from 'node:crypto';
import { parseTimestampToken } from '@paraphe/pki';
import type { AppContext } from '../../context.js';
import { enqueueJob } from '../../infra/jobs/enqueue-job.js';
import { anchorStatement } from './audit-hash.js';

export const AUDIT_ANCHOR_JOB = 'audit.anchor';
export const DEFAULT_ANCHOR_INTERVAL_MS = 3_600_000;

export interface AnchorAuditChainsOptions {
  /** Only this chain; default every chain. */
  readonly orgId?: string;
}

export interface AnchoredHead {
  readonly orgId: string;
  readonly seq: number;
  readonly tsaTime: string;
}

export async function anchorAuditChains(ctx: Pick<AppContext, 'db' | 'clock' | 'ids' | 'timestamper'>, options: AnchorAuditChainsOptions = {}): Promise<AnchoredHead[]> {
  const db = ctx.db.kysely;
  let heads = db.selectFrom('audit_heads').select(['org_id', 'seq', 'hash']).where('seq', '>', 0);
  if (options.orgId !== undefined) heads = heads.where('org_id', '=', options.orgId);
  const anchored: AnchoredHead[] = [];
  for (const head of await heads.execute()) {
    const last = await db.selectFrom('audit_anchors').select((eb) => eb.fn.max('seq').as('seq')).where('org_id', '=', head.org_id).executeTakeFirst();
    if (last?.seq != null && Number(last.seq) >= head.seq) continue;
    const imprint = createHash('sha256').update(anchorStatement(head.org_id, head.seq, head.hash)).digest();
    const token = await ctx.timestamper(new Uint8Array(imprint), 'SHA-256');
    const tsaTime = parseTimestampToken(token).genTime.toISOString();
    await db
      .insertInto('audit_anchors')
      .values({ id: ctx.ids.id(), org_id: head.org_id, seq: head.seq, head_hash: head.hash, token: Buffer.from(token).toString('base64'), tsa_time: tsaTime, created_at: ctx.clock().toISOString() })
      .execute();
    anchored.push({ orgId: head.org_id, seq: head.seq, tsaTime });
  }
  return anchored;
}

/** Registers the `audit.anchor` job and makes sure the current period's run is queued; each run queues the next. */
export async function scheduleAuditAnchoring(ctx: AppContext, intervalMs = DEFAULT_ANCHOR_INTERVAL_MS): Promise<void> {
  const enqueueSlot = (at: number) => {
    const slot = Math.floor(at / intervalMs) * intervalMs;
    return enqueueJob(ctx.db.kysely, ctx, {
      name: AUDIT_ANCHOR_JOB,
      runAt: new Date(slot),
      // One run per period, however many servers start or retry.
      idempotencyKey: `${AUDIT_ANCHOR_JOB}@${new Date(slot).toISOString()}`,
      maxAttempts: 5,
    });
  };
  ctx.jobs.register(AUDIT_ANCHOR_JOB, async () => {
    await enqueueSlot(ctx.clock().getTime() + intervalMs);
    await anchorAuditChains(ctx);
  });
  await enqueueSlot(ctx.clock().getTime());
}
