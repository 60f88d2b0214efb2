/** What the benchmark orchestrator hands to each measuring worker process. */
import type { BenchInput } from './inputs.js';

export interface BenchConfig {
  inputs: BenchInput[];
  outDir: string;
  /** PKCS#12 of the RSA-2048 signer (OpenSSL 3 format) and its password. */
  p12: string;
  password: string;
  /** The same key in the legacy PKCS#12 format, for peers that cannot read PBES2/AES. */
  legacyP12: string;
  /** PEM private key, certificate and chain (CA, root) of the same signer. */
  keyPem: string;
  certificatePem: string;
  chainPem: string;
  tsaUrl: string;
  /** NSS db (sql:DIR) holding the signing key for pdfsig, its nickname, and a db trusting only the root. */
  nssSignDb: string;
  nssNickname: string;
  nssTrustDb: string;
  /** PEM of the root, for our validator. */
  rootPem: string;
  /** Signed single-signature files for the validation throughput. */
  signedForValidation: string[];
  passes: number;
}

/** One contender's signing function: sign `input`, write `output`. */
export type SignOne = (input: string, output: string) => Promise<void>;

export interface WorkerResult {
  name: string;
  /** Per-document median time in ms (NaN for documents the contender failed on). */
  perDocMs: number[];
  failures: { file: string; reason: string }[];
  maxRssKb: number;
  /** For validation workers: documents per second. */
  docsPerSecond?: number;
}
