/**
 * Reviews one later revision against the signed one: finds the objects it really changed,
 * lets each rule justify what it can, and turns everything left unjustified into a reason.
 */
import { asDict, differingKeys, sameValue } from './cos.js';
import { isFresh, type DiffContext } from './context.js';
import { inUse, objectAt, readObject, sectionEntries, type RevisionedDocument } from './document.js';
import { DiffError } from './errors.js';
import { walkForm, type AcroFormInfo } from './form-fields.js';
import { Ledger, type Approval } from './ledger.js';
import { walkPages, type PageNode } from './pages.js';
import { catalogRule } from './rules/catalog-rule.js';
import { dssRule } from './rules/dss-rule.js';
import { formRule, type WidgetClaim } from './rules/form-rule.js';
import { metadataRule } from './rules/metadata-rule.js';
import { namesRule } from './rules/names-rule.js';
import { pageRule } from './rules/page-rule.js';
import { structureRule } from './rules/structure-rule.js';
import { chainFindings, shadowFindings } from './shadow.js';
import { usageMapOf, type UsageMap } from './usage-map.js';

/** What the signed revision looks like, computed once for all later revisions. */
export interface SignedState {
  readonly rev: number;
  readonly usage: UsageMap;
  readonly form: AcroFormInfo | DiffError;
  readonly pages: readonly PageNode[] | DiffError;
}

export interface RevisionReview {
  readonly rev: number;
  /** Disallowed findings, one sentence each. */
  readonly problems: string[];
  /** Approvals that justified at least one changed object. */
  readonly used: Approval[];
  /** New objects nothing refers to (writers leave these behind; harmless). */
  readonly orphans: number;
}

function attempt<T>(f: () => T): T | DiffError {
  try {
    return f();
  } catch (err) {
    if (err instanceof DiffError) return err;
    throw err;
  }
}

export function signedState(doc: RevisionedDocument, rev: number): SignedState {
  return {
    rev,
    usage: usageMapOf(doc, rev),
    form: attempt(() => walkForm(doc, rev)),
    pages: attempt(() => walkPages(doc, rev)),
  };
}

function changedObjects(doc: RevisionedDocument, signed: number, rev: number, problems: string[]): Set<number> {
  const changed = new Set<number>();
  for (const [n, e] of sectionEntries(doc, rev)) {
    if (n === 0 || e.type === 'free') continue;
    const now = readObject(doc, n, rev);
    if (!now.ok) {
      problems.push(`object ${n} of revision ${rev} cannot be read: ${now.reason}`);
      continue;
    }
    if (inUse(doc, n, signed) && sameValue(objectAt(doc, n, signed), now.value)) continue;
    changed.add(n);
  }
  return changed;
}

export function reviewRevision(doc: RevisionedDocument, signed: SignedState, rev: number): RevisionReview {
  const problems: string[] = [...chainFindings(doc, rev), ...shadowFindings(doc, signed.rev, rev, signed.usage)];
  const changed = changedObjects(doc, signed.rev, rev, problems);
  const newUsage = usageMapOf(doc, rev);
  const ctx: DiffContext = { doc, oldRev: signed.rev, newRev: rev, oldUsage: signed.usage, newUsage, changed, ledger: new Ledger() };
  if (changed.size === 0) return { rev, problems, used: [], orphans: 0 };
  structureRule(ctx);
  catalogRule(ctx);
  metadataRule(ctx);
  dssRule(ctx);
  namesRule(ctx);
  const newForm = attempt(() => walkForm(doc, rev));
  const newPages = attempt(() => walkPages(doc, rev));
  let claims = new Map<number, WidgetClaim>();
  for (const r of [signed.form, newForm, signed.pages, newPages]) if (r instanceof DiffError) ctx.ledger.problem(`${r.code}: ${r.message}`);
  if (!(signed.form instanceof DiffError) && !(newForm instanceof DiffError)) claims = formRule(ctx, signed.form, newForm);
  if (!(signed.pages instanceof DiffError) && !(newPages instanceof DiffError)) pageRule(ctx, signed.pages, newPages, claims);
  problems.push(...ctx.ledger.problems);
  if (signed.usage.truncated || newUsage.truncated) problems.push('document too large or too deeply nested to analyse completely');
  const used: Approval[] = [];
  let orphans = 0;
  for (const n of [...changed].sort((a, b) => a - b)) {
    const verdict = judge(ctx, n);
    if (verdict.kind === 'approved') used.push(...ctx.ledger.approvalsOf(n));
    else if (verdict.kind === 'orphan') orphans++;
    else if (!ctx.ledger.isReported(n)) problems.push(verdict.reason);
  }
  return { rev, problems, used, orphans };
}

type Verdict = { kind: 'approved' } | { kind: 'orphan' } | { kind: 'refused'; reason: string };

function judge(ctx: DiffContext, n: number): Verdict {
  const approvals = ctx.ledger.approvalsOf(n);
  const fresh = isFresh(ctx, n);
  const oldPath = ctx.oldUsage.pathOf(n);
  const newPath = ctx.newUsage.pathOf(n);
  if (fresh) {
    if (approvals.length > 0) return { kind: 'approved' };
    if (!ctx.newUsage.reachable(n)) return { kind: 'orphan' };
    return { kind: 'refused', reason: `object ${n} (${newPath}) added after signing and not explained by any allowed change` };
  }
  const open = ctx.ledger.uncovered(n, ctx.oldUsage.usagesOf(n));
  if (approvals.length > 0 && open.length === 0) return { kind: 'approved' };
  if (!ctx.oldUsage.reachable(n) && !ctx.newUsage.reachable(n)) return { kind: 'orphan' };
  const label = `object ${n} (${oldPath ?? newPath ?? 'unreferenced'})`;
  if (approvals.length > 0) {
    const paths = open.map((u) => ctx.oldUsage.usagePath(u)).join(', ');
    return { kind: 'refused', reason: `${label} was rewritten for an allowed change (${approvals[0]!.note}), but the signed revision also uses it at ${paths}` };
  }
  return { kind: 'refused', reason: `${label} changed after signing${detail(ctx, n)}` };
}

function detail(ctx: DiffContext, n: number): string {
  const before = objectAt(ctx.doc, n, ctx.oldRev);
  const after = objectAt(ctx.doc, n, ctx.newRev);
  if (!before || !after) return '';
  if (before.kind === 'stream' && after.kind === 'stream') {
    const keys = differingKeys(before.dict, after.dict, new Set(['Length']));
    return `: stream data${keys.length ? ` and ${keys.map((k) => `/${k}`).join(', ')}` : ''} differ`;
  }
  const a = asDict(before);
  const b = asDict(after);
  if (a && b && before.kind === after.kind) {
    const keys = differingKeys(a, b, new Set());
    if (keys.length > 0) return `: ${keys.map((k) => `/${k}`).join(', ')} differ`;
  }
  if (before.kind !== after.kind) return `: a ${before.kind} became a ${after.kind}`;
  return '';
}
