/** Certificates from what an AIA caIssuers URL serves: a DER or PEM certificate, or a PKCS#7 certs-only bundle. */
import * as asn1js from 'asn1js';
import { parseCertificate, toDer, type ParsedCertificate } from './certificate.js';
import { children, encoded, isContext, oidOf, parseDer } from './der.js';
import { PathValidationError } from './errors.js';

const SIGNED_DATA = '1.2.840.113549.1.7.2';

export function certificatesFromFetched(bytes: Uint8Array): ParsedCertificate[] {
  const der = toDer(bytes);
  const root = parseDer(der, 'fetched certificate data');
  const [first, second] = children(root);
  // A certificate starts with a SEQUENCE (tbsCertificate); a ContentInfo with its content type OID.
  if (!(first instanceof asn1js.ObjectIdentifier) || oidOf(first) !== SIGNED_DATA) return [parseCertificate(der)];
  if (!isContext(second, 0)) throw new PathValidationError('MalformedCertificate', 'PKCS#7 bundle without content');
  const signedData = children(second!)[0];
  const certSet = children(signedData!).find((b) => isContext(b, 0));
  return certSet ? children(certSet).map((c) => parseCertificate(encoded(c))) : [];
}
