/**
 * Decodes a CMS SignedData (RFC 5652) from the bytes of a PDF /Contents string while keeping
 * the exact encoding of every certificate and of the signed attributes: hashes and
 * signatures are checked over the bytes as found, never over a re-encoding.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsError } from './cms-error.js';
import { OID } from '@paraphe/pki';
import { childrenOf as children, octetsOf as octets, rawBytes as raw, tagOf } from './asn1-util.js';

export interface ParsedSignerInfo {
  readonly info: pkijs.SignerInfo;
  /** Signed attributes re-tagged as SET (0x31) from the exact bytes found, or null when absent. */
  readonly signedAttrsDer: Uint8Array | null;
}

export interface ParsedCms {
  readonly eContentType: string;
  /** Encapsulated content bytes (concatenated when constructed), or null when detached. */
  readonly eContent: Uint8Array | null;
  /** Embedded certificates, exact bytes. */
  readonly certificates: readonly Uint8Array[];
  /** Embedded CRLs (revocationInfoChoices of type CRL), exact bytes. */
  readonly crls: readonly Uint8Array[];
  /** OCSP responses embedded as otherRevocationInfo (RFC 5940). */
  readonly ocspResponses: readonly Uint8Array[];
  readonly signerInfos: readonly ParsedSignerInfo[];
  /** Number of bytes the DER value occupies (the rest of /Contents is padding). */
  readonly length: number;
}

/** Parses a ContentInfo carrying SignedData. Throws CmsError with the reason. */
export function parseSignedData(bytes: Uint8Array): ParsedCms {
  if (bytes.length === 0) throw new CmsError('CMS_NOT_DER', 'the signature value is empty');
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new CmsError('CMS_NOT_DER', `the signature value is not BER/DER: ${parsed.result.error}`);
  const top = parsed.result;
  const ci = children(top);
  const oidBlock = ci[0];
  if (!(oidBlock instanceof asn1js.ObjectIdentifier)) throw new CmsError('CMS_STRUCTURE', 'ContentInfo has no contentType');
  const ct = oidBlock.valueBlock.toString();
  if (ct !== OID.signedData) throw new CmsError('CMS_NOT_SIGNED_DATA', `ContentInfo contentType is ${ct}, not signedData`);
  const explicit = ci[1];
  if (!explicit) throw new CmsError('CMS_STRUCTURE', 'ContentInfo has no content');
  const sd = children(explicit)[0];
  if (!sd) throw new CmsError('CMS_STRUCTURE', 'SignedData is missing');
  const fields = children(sd);
  // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
  const encap = fields[2];
  if (!encap) throw new CmsError('CMS_STRUCTURE', 'SignedData has no encapContentInfo');
  const encapFields = children(encap);
  const eOid = encapFields[0];
  if (!(eOid instanceof asn1js.ObjectIdentifier)) throw new CmsError('CMS_STRUCTURE', 'encapContentInfo has no eContentType');
  let eContent: Uint8Array | null = null;
  const eWrapped = encapFields[1];
  if (eWrapped) {
    const inner = children(eWrapped)[0];
    if (inner) eContent = octets(inner);
  }
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  let signerSet: asn1js.AsnType | undefined;
  for (const f of fields.slice(3)) {
    const t = tagOf(f);
    if (t.cls === 3 && t.num === 0) {
      for (const c of children(f)) if (tagOf(c).cls === 1 && tagOf(c).num === 16) certificates.push(raw(c));
    } else if (t.cls === 3 && t.num === 1) {
      for (const c of children(f)) {
        const ct2 = tagOf(c);
        if (ct2.cls === 1 && ct2.num === 16) crls.push(raw(c));
        else if (ct2.cls === 3 && ct2.num === 1) {
          // otherRevocationInfoFormat: id-ri-ocsp-response (1.3.6.1.5.5.7.16.2)
          const [fmt, info] = children(c);
          if (fmt instanceof asn1js.ObjectIdentifier && fmt.valueBlock.toString() === '1.3.6.1.5.5.7.16.2' && info) ocspResponses.push(raw(info));
        }
      }
    } else if (t.cls === 1 && t.num === 17) {
      signerSet = f;
    }
  }
  if (!signerSet) throw new CmsError('CMS_STRUCTURE', 'SignedData has no signerInfos');
  const signerInfos: ParsedSignerInfo[] = [];
  for (const s of children(signerSet)) {
    let info: pkijs.SignerInfo;
    try {
      info = new pkijs.SignerInfo({ schema: s });
    } catch (e) {
      throw new CmsError('CMS_STRUCTURE', `SignerInfo cannot be decoded: ${(e as Error).message}`);
    }
    const sa = info.signedAttrs;
    signerInfos.push({ info, signedAttrsDer: sa && sa.encodedValue.byteLength > 0 ? new Uint8Array(sa.encodedValue) : null });
  }
  if (signerInfos.length === 0) throw new CmsError('CMS_NO_SIGNER', 'SignedData contains no SignerInfo');
  return {
    eContentType: eOid.valueBlock.toString(),
    eContent,
    certificates,
    crls,
    ocspResponses,
    signerInfos,
    length: parsed.offset,
  };
}
