/**
 * Proof of existence (ETSI EN 319 102-1 §5.6.2.3 simplified): a valid, trusted document
 * timestamp proves that every byte it covers existed at its genTime. A signature or timestamp
 * of an earlier revision is therefore checked at the earliest such time, so that it stays
 * verifiable after its certificates expire (PAdES B-LTA).
 */

export interface ExistenceProof {
  /** Revision signed by the document timestamp (it covers every earlier revision). */
  readonly revision: number;
  readonly time: Date;
}

/** Earliest proven time for the bytes of `revision`, or `at` when nothing proves more. */
export function existenceTime(at: Date, proofs: readonly ExistenceProof[], revision: number | null): Date {
  let best = at;
  if (revision === null) return best;
  for (const p of proofs) if (p.revision > revision && p.time < best) best = p.time;
  return best;
}
