/**
 * Builds a CMS SignedData ContentInfo with encapsulated content and signed attributes,
 * signed through a Signer. Used for time-stamp tokens (RFC 3161 §2.4.2).
 */
import { der } from '../asn1/der-writer.js';
import { encodeDer, fromHex } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { cachedCertificate } from './certificate-cache.js';
import { digest } from '../hash.js';
import { hashAlgorithmIdentifier, signatureAlgorithmIdentifier } from '../signature-algorithm.js';
import type { HashAlgorithm, Signer } from '../signer.js';

export interface BuildSignedDataOptions {
  readonly eContentType: string;
  readonly eContent: Uint8Array;
  readonly signer: Pick<Signer, 'scheme' | 'sign' | 'certificate'>;
  readonly hash: HashAlgorithm;
  /** Certificates to embed (signer's first). */
  readonly certificates: readonly Uint8Array[];
  /** Extra signed attributes (DER of each Attribute), besides content-type and message-digest. */
  readonly extraSignedAttributes?: readonly Uint8Array[];
}

function attribute(oid: string, value: Uint8Array): Uint8Array {
  return der.sequence(der.oid(oid), der.setOf([value]));
}

export async function buildSignedData(o: BuildSignedDataOptions): Promise<Uint8Array> {
  const cert = cachedCertificate(o.signer.certificate);
  const digestAlg = encodeDer(hashAlgorithmIdentifier(o.hash).toSchema());
  const attrs = [
    attribute(OID.contentType, der.oid(o.eContentType)),
    attribute(OID.messageDigest, der.octetString(digest(o.eContent, o.hash))),
    ...(o.extraSignedAttributes ?? []),
  ];
  const signedAttrsSet = der.setOf(attrs); // tag 0x31: what is signed
  const signature = await o.signer.sign(signedAttrsSet, o.hash);
  const signedAttrsImplicit = new Uint8Array(signedAttrsSet);
  signedAttrsImplicit[0] = 0xa0; // [0] IMPLICIT in the SignerInfo

  const signerInfo = der.sequence(
    der.small(1),
    der.sequence(cert.issuerDer, der.integer(fromHex(cert.serialHex))),
    digestAlg,
    signedAttrsImplicit,
    encodeDer(signatureAlgorithmIdentifier(o.signer.scheme, o.hash).toSchema()),
    der.octetString(signature),
  );
  const signedData = der.sequence(
    der.small(3), // eContentType is not id-data (RFC 5652 §5.1)
    der.setOf([digestAlg]),
    der.sequence(der.oid(o.eContentType), der.explicit(0, der.octetString(o.eContent))),
    der.implicitConstructed(0, ...o.certificates),
    der.setOf([signerInfo]),
  );
  return der.sequence(der.oid(OID.signedData), der.explicit(0, signedData));
}
