/**
 * Book of justifications for one revision under review. Rules approve object numbers at a
 * modification level; an object that already existed when signing is only cleared once every
 * place that referenced it in the signed revision is covered (or a rule clears it wholesale),
 * so an object cannot be rewritten "for" a harmless field while it also draws signed content.
 */
import { levelRank, type ModificationLevel } from './types.js';
import { usageKey, type Usage } from './usage-map.js';

export interface Approval {
  readonly level: ModificationLevel;
  /** Why the change is allowed, for the report ("signature field Sig2 filled"). */
  readonly note: string;
  /** Fully qualified name of the form field the change belongs to, for FieldMDP locks. */
  readonly field?: string;
  /** True when the change is allowed even on a FieldMDP-locked field (e.g. LTA material). */
  readonly lockSafe?: boolean;
}

interface Entry {
  approvals: Approval[];
  blanket: boolean;
  covered: Set<string>;
}

export class Ledger {
  private readonly book = new Map<number, Entry>();
  /** Disallowed findings from rules (structural problems that are not one object's fault). */
  readonly problems: string[] = [];

  private entry(objNum: number): Entry {
    let e = this.book.get(objNum);
    if (!e) this.book.set(objNum, (e = { approvals: [], blanket: false, covered: new Set() }));
    return e;
  }

  /** Clears an object for every place it is used (rules that compared it key by key). */
  approve(objNum: number, approval: Approval): void {
    const e = this.entry(objNum);
    e.approvals.push(approval);
    e.blanket = true;
  }

  /** Clears an object only for the one signed-revision usage the rule checked. */
  approveVia(objNum: number, via: Usage, approval: Approval): void {
    const e = this.entry(objNum);
    e.approvals.push(approval);
    e.covered.add(usageKey(via));
  }

  private readonly reported = new Set<number>();

  problem(reason: string): void {
    if (!this.problems.includes(reason)) this.problems.push(reason);
  }

  /** A disallowed change whose objects need no further message of their own. */
  refuse(reason: string, objNums: Iterable<number>): void {
    this.problem(reason);
    for (const n of objNums) this.reported.add(n);
  }

  isReported(objNum: number): boolean {
    return this.reported.has(objNum);
  }

  approvalsOf(objNum: number): readonly Approval[] {
    return this.book.get(objNum)?.approvals ?? [];
  }

  /** Signed-revision usages of an object that no approval covered (empty when cleared wholesale). */
  uncovered(objNum: number, oldUsages: readonly Usage[]): Usage[] {
    const e = this.book.get(objNum);
    if (!e) return [...oldUsages];
    if (e.blanket) return [];
    return oldUsages.filter((u) => !e.covered.has(usageKey(u)));
  }

  levelOf(objNum: number): ModificationLevel | undefined {
    const list = this.book.get(objNum)?.approvals;
    if (!list || list.length === 0) return undefined;
    return list.reduce<ModificationLevel>((acc, a) => (levelRank(a.level) > levelRank(acc) ? a.level : acc), 'NONE');
  }
}
