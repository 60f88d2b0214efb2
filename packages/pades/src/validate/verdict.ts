/**
 * Accumulates the findings about one signature and derives its indication: any failure
 * wins over indeterminate, and the first failure found names the sub-indication.
 */
import type { Indication, SubIndication } from './report.js';

export class Verdict {
  private failed: SubIndication | null = null;
  private indeterminate: SubIndication | null = null;
  readonly reasons: string[] = [];

  fail(sub: SubIndication, reason: string): void {
    if (this.failed === null) this.failed = sub;
    this.reasons.push(reason);
  }

  doubt(sub: SubIndication, reason: string): void {
    if (this.indeterminate === null) this.indeterminate = sub;
    this.reasons.push(reason);
  }

  note(reason: string): void {
    this.reasons.push(reason);
  }

  get hasFailed(): boolean {
    return this.failed !== null;
  }

  get indication(): Indication {
    if (this.failed) return 'TOTAL_FAILED';
    if (this.indeterminate) return 'INDETERMINATE';
    return 'TOTAL_PASSED';
  }

  get subIndication(): SubIndication | null {
    return this.failed ?? this.indeterminate;
  }
}
