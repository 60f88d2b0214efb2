/**
 * Builds a CAdES-style CMS SignedData (RFC 5652) for PAdES: detached content (or attached
 * eContent for timestamp tokens), signed attributes content-type, message-digest and ESS
 * signing-certificate-v2, never signing-time; optional signature-time-stamp-token (B-T).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { type HashAlgorithm, OID, type Signer } from '@paraphe/pki';
import { NODE_HASH, digestAlgorithmId, signatureAlgorithmId } from './algorithms.js';
import { cachedCertificateFields } from './certificate-fields.js';
import { CmsError } from './cms-error.js';
import { explicit, integer, objectIdentifier, octetString, sequence, setOf, sortDer, tlv } from './der.js';
import { attribute, signingCertificateV2Attribute } from './signing-certificate-v2.js';

/** Obtains an RFC 3161 TimeStampToken (ContentInfo DER) for a message imprint. */
export type Timestamper = (imprint: Uint8Array, hash: HashAlgorithm) => Promise<Uint8Array>;

export interface BuildSignedDataOptions {
  readonly signer: Signer;
  readonly hash: HashAlgorithm;
  /** Digest (with `hash`) of the signed content: the PDF ByteRange, or the TSTInfo for a token. */
  readonly contentDigest: Uint8Array;
  /** Defaults to id-data. */
  readonly eContentType?: string;
  /** Encapsulated content; absent for detached signatures (PAdES). */
  readonly eContent?: Uint8Array;
  /** When given, a signature-time-stamp-token over the signature value is added (B-T). */
  readonly timestamper?: Timestamper;
  /** Extra certificates to embed after the signer's chain (deduplicated). */
  readonly extraCertificates?: readonly Uint8Array[];
}

export interface SignedDataResult {
  /** ContentInfo DER, ready for /Contents. */
  readonly der: Uint8Array;
  readonly signatureValue: Uint8Array;
  /** The exact bytes the signer signed (DER SET OF signed attributes). */
  readonly signedAttributes: Uint8Array;
  readonly timestampToken: Uint8Array | undefined;
}

export async function buildSignedData(options: BuildSignedDataOptions): Promise<SignedDataResult> {
  const { signer, hash } = options;
  const eContentType = options.eContentType ?? OID.data;
  const signerCert = cachedCertificateFields(signer.certificate);

  const attrs = sortDer([
    attribute(OID.contentType, objectIdentifier(eContentType)),
    attribute(OID.messageDigest, octetString(options.contentDigest)),
    signingCertificateV2Attribute(signerCert, hash),
  ]);
  const signedAttributes = tlv(0x31, ...attrs);
  const signatureValue = await signer.sign(signedAttributes, hash);

  let timestampToken: Uint8Array | undefined;
  let unsigned: Uint8Array[] = [];
  if (options.timestamper) {
    const imprint = createHash(NODE_HASH[hash]).update(signatureValue).digest();
    timestampToken = await options.timestamper(new Uint8Array(imprint), hash);
    assertSingleDerObject(timestampToken, 'timestamp token');
    unsigned = [tlv(0xa1, attribute(OID.signatureTimeStampToken, timestampToken))];
  }

  const signerInfo = sequence(
    integer(1),
    sequence(signerCert.issuer, signerCert.serial),
    digestAlgorithmId(hash),
    tlv(0xa0, ...attrs), // [0] IMPLICIT: same content octets as the SET that was signed
    signatureAlgorithmId(signer.scheme, hash),
    octetString(signatureValue),
    ...unsigned,
  );

  const certificates = dedupe([signer.certificate, ...signer.chain, ...(options.extraCertificates ?? [])]);
  const encap =
    options.eContent === undefined
      ? sequence(objectIdentifier(eContentType))
      : sequence(objectIdentifier(eContentType), explicit(0, octetString(options.eContent)));
  const signedData = sequence(
    integer(eContentType === OID.data ? 1 : 3), // RFC 5652 §5.1
    setOf([digestAlgorithmId(hash)]),
    encap,
    tlv(0xa0, ...certificates),
    setOf([signerInfo]),
  );
  const der = sequence(objectIdentifier(OID.signedData), explicit(0, signedData));
  return { der, signatureValue, signedAttributes, timestampToken };
}

function dedupe(certs: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const c of certs) {
    const key = Buffer.from(c).toString('base64');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** Tokens already decoded whole by their checker and found to be exactly one DER object. */
const checkedSingleDer = new WeakSet<Uint8Array>();

/**
 * Records that `token` (this very array) was decoded whole and its DER value spans all its
 * bytes, so building the SignedData does not decode it a second time to learn the same fact.
 */
export function markSingleDerObject(token: Uint8Array): void {
  checkedSingleDer.add(token);
}

function assertSingleDerObject(bytes: Uint8Array, what: string): void {
  if (checkedSingleDer.has(bytes)) return;
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) {
    throw new CmsError('CMS_BAD_TOKEN', `${what} is not a single DER object`);
  }
}

