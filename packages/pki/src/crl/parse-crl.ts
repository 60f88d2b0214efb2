/** A typed, frozen view of an X.509 CRL, with its signature check against an issuer. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeDer, integerHex, parseDer, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { formatName } from '../cert/name.js';
import { derFromInput } from '../cert/pem.js';
import { parseCertificate } from '../cert/parse-certificate.js';
import { PkiError } from '../errors.js';
import { reasonFromCode, type RevocationReason } from '../revocation-reason.js';
import { verifySignature } from '../signature-algorithm.js';

export interface CrlEntry {
  readonly serialHex: string;
  readonly date: Date;
  readonly reason: RevocationReason | undefined;
}

export interface ParsedCrl {
  readonly der: Uint8Array;
  readonly issuer: string;
  readonly issuerDer: Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** CRL number as hex, when present. */
  readonly crlNumberHex: string | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  readonly revoked: readonly CrlEntry[];
  readonly tbs: Uint8Array;
  readonly signatureAlgorithmOid: string;
  readonly signatureValue: Uint8Array;
  /** The entry for `serialHex` (case-insensitive, leading zeros ignored), if revoked. */
  find(serialHex: string): CrlEntry | undefined;
  /** Whether the CRL signature verifies with `issuerCertificate`'s key (a fact, not a trust decision). */
  signatureValidWith(issuerCertificate: Uint8Array): boolean;
  readonly pkijs: pkijs.CertificateRevocationList;
}

const normal = (h: string) => h.toLowerCase().replace(/^0+(?=.)/, '');

export function parseCrl(input: Uint8Array | string): ParsedCrl {
  const derBytes = derFromInput(input, 'X509 CRL');
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = new pkijs.CertificateRevocationList({ schema: parseDer(derBytes, 'CRL_INVALID', 'CRL') });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('CRL_INVALID', `not an X.509 CRL: ${(e as Error).message}`, { cause: e });
  }
  const exts = crl.crlExtensions?.extensions ?? [];
  const num = exts.find((e) => e.extnID === OID.crlNumber)?.parsedValue as asn1js.Integer | undefined;
  const aki = exts.find((e) => e.extnID === OID.authorityKeyIdentifier)?.parsedValue as pkijs.AuthorityKeyIdentifier | undefined;
  const revoked = (crl.revokedCertificates ?? []).map((r) => {
    const reasonExt = r.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.crlReason);
    const reasonVal = reasonExt ? (reasonExt.parsedValue as asn1js.Enumerated).valueBlock.valueDec : undefined;
    return Object.freeze({
      serialHex: integerHex(r.userCertificate),
      date: r.revocationDate.value,
      reason: reasonVal === undefined ? undefined : reasonFromCode(reasonVal),
    });
  });
  const tbs = toBytes(crl.tbsView);
  const signatureValue = toBytes(crl.signatureValue.valueBlock.valueHexView);
  const view: ParsedCrl = {
    der: new Uint8Array(derBytes),
    issuer: formatName(crl.issuer),
    issuerDer: encodeDer(crl.issuer.toSchema()),
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value,
    crlNumberHex: num ? integerHex(num) : undefined,
    authorityKeyIdentifier: aki?.keyIdentifier ? toBytes(aki.keyIdentifier.valueBlock.valueHexView) : undefined,
    revoked: Object.freeze(revoked),
    tbs,
    signatureAlgorithmOid: crl.signatureAlgorithm.algorithmId,
    signatureValue,
    find: (serialHex) => revoked.find((r) => normal(r.serialHex) === normal(serialHex)),
    signatureValidWith: (issuerCertificate) =>
      verifySignature(parseCertificate(issuerCertificate).spki, crl.signatureAlgorithm, tbs, signatureValue),
    pkijs: crl,
  };
  return Object.freeze(view);
}
