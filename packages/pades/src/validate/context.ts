/** What every per-signature evaluation shares: the document, its DSS, the options and policy. */
import type { CryptoPolicy } from './crypto-policy.js';
import type { ValidateOptions } from './options.js';
import type { ExistenceProof } from './poe.js';
import type { DssData } from './structure/dss.js';
import type { Certification } from './structure/doc-mdp.js';
import type { PdfView } from './structure/pdf-view.js';

export interface ValidationContext {
  /** Tolerant view (unreadable objects become warnings) used for discovery and checks. */
  readonly doc: PdfView;
  /** The reader itself, for revision diff analysis (which handles unreadable objects itself). */
  readonly raw: PdfView;
  readonly dss: DssData;
  readonly options: ValidateOptions;
  readonly at: Date;
  readonly crypto: CryptoPolicy;
  readonly certification: Certification | null;
  /** Valid trusted document timestamps found so far (filled newest first). */
  readonly proofs: ExistenceProof[];
}
