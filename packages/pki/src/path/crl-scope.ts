/** Whether a CRL covers a certificate for a distribution point (RFC 5280 §6.3.3 (b)), and for which reasons. */
import type { ParsedCertificate } from './certificate.js';
import type { ParsedCrl } from './crl.js';
import { ALL_REASONS, resolveDpName, type DistributionPoint } from './extensions.js';
import { generalNameKey, type GeneralName } from './names.js';

export type ScopeResult = { inScope: true; reasons: number } | { inScope: false; why: string };

function intersects(a: GeneralName[], b: GeneralName[]): boolean {
  const keys = new Set(a.map(generalNameKey));
  return b.some((g) => keys.has(generalNameKey(g)));
}

/** The distribution points of a certificate, or the implied one when it has none. */
export function distributionPointsOf(cert: ParsedCertificate): DistributionPoint[] {
  return cert.crlDistributionPoints && cert.crlDistributionPoints.length > 0 ? cert.crlDistributionPoints : [{}];
}

export function crlScope(crl: ParsedCrl, cert: ParsedCertificate, dp: DistributionPoint): ScopeResult {
  const dpIssuers: GeneralName[] = dp.crlIssuer ?? [{ kind: 'dn', value: cert.issuer }];
  const idp = crl.idp;
  if (dp.crlIssuer) {
    if (!dp.crlIssuer.some((g) => g.kind === 'dn' && g.value.key === crl.issuer.key)) {
      return { inScope: false, why: 'CRL issuer is not the cRLIssuer of the distribution point' };
    }
    if (!idp?.indirect) return { inScope: false, why: 'CRL for a cRLIssuer distribution point is not an indirect CRL' };
  } else if (crl.issuer.key !== cert.issuer.key) {
    return { inScope: false, why: 'CRL issuer does not match the certificate issuer' };
  }
  if (idp?.name) {
    const idpNames = resolveDpName(idp.name, crl.issuer);
    if (dp.name) {
      const relativeBase = dp.crlIssuer?.find((g) => g.kind === 'dn');
      const dpNames = resolveDpName(dp.name, relativeBase && relativeBase.kind === 'dn' ? relativeBase.value : cert.issuer);
      if (!intersects(idpNames, dpNames)) return { inScope: false, why: 'CRL distribution point does not match the certificate' };
    } else if (!intersects(idpNames, dpIssuers)) {
      return { inScope: false, why: 'CRL distribution point does not match the certificate' };
    }
  }
  const isCA = cert.basicConstraints?.ca === true;
  if (idp?.onlyUser && isCA) return { inScope: false, why: 'CRL only contains end-entity certificates and certificate is a CA' };
  if (idp?.onlyCA && !isCA) return { inScope: false, why: 'CRL only contains CA certificates and certificate is an end-entity certificate' };
  if (idp?.onlyAttribute) return { inScope: false, why: 'CRL only contains attribute certificates' };
  const reasons = (idp?.onlySomeReasons ?? ALL_REASONS) & (dp.reasons ?? ALL_REASONS) & ALL_REASONS;
  return { inScope: true, reasons };
}

/** True when a delta CRL has the same scope as its complete CRL. */
export function sameScope(complete: ParsedCrl, delta: ParsedCrl): boolean {
  const key = (c: ParsedCrl): string => {
    const idp = c.idp;
    if (!idp) return '';
    const names = idp.name ? resolveDpName(idp.name, c.issuer).map(generalNameKey).sort().join('|') : '';
    return [names, idp.onlyUser, idp.onlyCA, idp.onlyAttribute, idp.indirect, idp.onlySomeReasons ?? ''].join(';');
  };
  return key(complete) === key(delta);
}
