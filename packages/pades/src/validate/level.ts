/**
 * PAdES baseline level of a signature (ETSI EN 319 142-1): B-B for a CAdES detached signature
 * bound to its certificate by ESS signing-certificate(-v2); B-T with a valid signature
 * timestamp or a later document timestamp; B-LT when the DSS holds the chain and revocation
 * data; B-LTA when a valid document timestamp covers that DSS. Null for non-PAdES forms.
 */
import { bytesEqual } from '@paraphe/pki';
import type { Evaluated } from './evaluated.js';
import type { PadesLevel } from './report.js';
import type { DssData } from './structure/dss.js';

export function padesLevel(sig: Evaluated, docTimestamps: readonly Evaluated[], dss: DssData): PadesLevel | null {
  if (!sig.baseline) return null;
  const laterTs = docTimestamps.filter((t) => t.docTimestampValid && t.revision !== null && sig.revision !== null && t.revision > sig.revision);
  if (!sig.timestamped && laterTs.length === 0) return 'B-B';
  // Signer and TSA chain certificates other than the anchors must be in the DSS, with revocation data.
  const withoutAnchor = (c: readonly Uint8Array[]): readonly Uint8Array[] => (c.length > 1 ? c.slice(0, -1) : c);
  const needed = [...withoutAnchor(sig.chain), ...withoutAnchor(sig.tsaChain)];
  const inDss = needed.every((c) => dss.certs.some((d) => bytesEqual(c, d)));
  const hasRevocation = dss.ocsps.length + dss.crls.length > 0;
  if (!dss.present || !inDss || !hasRevocation) return 'B-T';
  const first = dss.firstRevision;
  const covering = laterTs.some((t) => first !== null && t.revision !== null && t.revision >= first);
  return covering ? 'B-LTA' : 'B-LT';
}
