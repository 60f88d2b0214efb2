/** What every per-signature evaluation shares: the document, its DSS, the options and policy. */
import type { CryptoPolicy } from './crypto-policy.js';
import type { ValidateOptions } from './options.js';
import type { DssData } from './structure/dss.js';
import type { Certification } from './structure/doc-mdp.js';
import type { PdfView } from './structure/pdf-view.js';

export interface ValidationContext {
  readonly doc: PdfView;
  readonly dss: DssData;
  readonly options: ValidateOptions;
  readonly at: Date;
  readonly crypto: CryptoPolicy;
  readonly certification: Certification | null;
}
