/**
 * Issues X.509 v3 certificates for the profiles Paraphe needs, signed through a Signer
 * (so a CA key may live in memory or on a PKCS#11 token).
 */
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeDer, parseDer, positiveInteger, toArrayBuffer, toBytes } from '../asn1/bytes.js';
import { PkiError } from '../errors.js';
import { spkiOf } from '../keys/generate-key-pair.js';
import { defaultRandom, randomSerial, type RandomSource } from '../random.js';
import { signatureAlgorithmIdentifier } from '../signature-algorithm.js';
import type { HashAlgorithm, SignatureScheme, Signer } from '../signer.js';
import { defaultSchemeFor, signWithKey } from '../signers/key-signer.js';
import { ext, keyIdentifier } from './extensions.js';
import { buildName, type SubjectFields } from './name.js';
import { parseCertificate } from './parse-certificate.js';
import { profileExtensions, type CertificateProfile } from './profiles.js';

/** The part of a Signer needed to sign: enough for a self-signed root whose cert does not exist yet. */
export type SigningFunction = Pick<Signer, 'scheme' | 'sign'>;

export interface IssueCertificateOptions {
  readonly profile: CertificateProfile;
  readonly subject: SubjectFields;
  /** Public key (KeyObject) or SubjectPublicKeyInfo DER. */
  readonly publicKey: KeyObject | Uint8Array;
  /** Issuing CA; absent = self-signed root, then `privateKey` or `selfSigner` is required. */
  readonly issuer?: { readonly certificate: Uint8Array; readonly signer: SigningFunction };
  readonly privateKey?: KeyObject;
  readonly selfSigner?: SigningFunction;
  /** Serial magnitude (big-endian) or bigint; default: 128 random bits, positive. */
  readonly serial?: Uint8Array | bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly ocspUrl?: string;
  readonly caIssuersUrl?: string;
  readonly crlUrl?: string;
  /** Default: SHA-384 for P-384 issuers, SHA-512 for P-521 and Ed25519, SHA-256 otherwise. */
  readonly hash?: HashAlgorithm;
  /** For 'ca' profile: basicConstraints pathLenConstraint (default 0). */
  readonly pathLength?: number;
  readonly random?: RandomSource;
  /** Additional extensions (e.g. certificatePolicies, qcStatements), value as DER. */
  readonly extraExtensions?: readonly { readonly oid: string; readonly critical: boolean; readonly value: Uint8Array }[];
}

/** The hash that matches a scheme's strength when the caller does not choose one. */
export function defaultHashFor(scheme: SignatureScheme): HashAlgorithm {
  if (scheme.kind === 'ecdsa' && scheme.namedCurve === 'P-384') return 'SHA-384';
  if (scheme.kind === 'ecdsa' && scheme.namedCurve === 'P-521') return 'SHA-512';
  // RFC 8419 §3: CMS digests alongside Ed25519 are SHA-512 (the certificate signature itself names no hash).
  if (scheme.kind === 'ed25519') return 'SHA-512';
  return 'SHA-256';
}

/** X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5), whole seconds. */
export function x509Time(d: Date): pkijs.Time {
  const value = new Date(Math.floor(d.getTime() / 1000) * 1000);
  return new pkijs.Time({ type: value.getUTCFullYear() >= 2050 ? 1 : 0, value });
}

export function serialMagnitude(serial: Uint8Array | bigint | undefined, random: RandomSource): Uint8Array {
  if (serial === undefined) return randomSerial(random);
  if (typeof serial === 'bigint') {
    if (serial <= 0n) throw new PkiError('PKI_INVALID_INPUT', 'serial must be positive');
    const hex = serial.toString(16);
    return new Uint8Array(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
  }
  return serial;
}

export async function issueCertificate(o: IssueCertificateOptions): Promise<Uint8Array> {
  if (!(o.notAfter.getTime() > o.notBefore.getTime())) throw new PkiError('PKI_INVALID_INPUT', 'notAfter must be after notBefore');
  const spki = o.publicKey instanceof Uint8Array ? o.publicKey : spkiOf(o.publicKey);
  const publicKeyInfo = new pkijs.PublicKeyInfo({ schema: parseDer(spki, 'PKI_INVALID_INPUT', 'public key') });
  const ownKeyId = keyIdentifier(toBytes(publicKeyInfo.subjectPublicKey.valueBlock.valueHexView));

  let signer: SigningFunction;
  let issuerName: pkijs.RelativeDistinguishedNames;
  let issuerKeyId: Uint8Array;
  const subjectName = buildName(o.subject);
  if (o.issuer) {
    const issuerCert = parseCertificate(o.issuer.certificate);
    signer = o.issuer.signer;
    issuerName = issuerCert.pkijs.subject;
    issuerKeyId = issuerCert.subjectKeyIdentifier ?? keyIdentifier(issuerCert.publicKeyBits);
  } else {
    const pk = o.privateKey;
    if (o.selfSigner) signer = o.selfSigner;
    else if (pk) {
      const scheme = defaultSchemeFor(pk);
      signer = { scheme, sign: async (data, hash) => signWithKey(pk, scheme, data, hash) };
    } else throw new PkiError('PKI_INVALID_INPUT', 'a self-signed certificate needs privateKey or selfSigner');
    issuerName = subjectName;
    issuerKeyId = ownKeyId;
  }

  const extensions = [
    ...profileExtensions(o),
    ext.subjectKeyIdentifier(ownKeyId),
    ext.authorityKeyIdentifier(issuerKeyId),
    ...(o.ocspUrl || o.caIssuersUrl ? [ext.authorityInfoAccess(o.ocspUrl, o.caIssuersUrl)] : []),
    ...(o.crlUrl ? [ext.crlDistributionPoints(o.crlUrl)] : []),
    ...(o.extraExtensions ?? []).map((e) => new pkijs.Extension({ extnID: e.oid, critical: e.critical, extnValue: toArrayBuffer(e.value) })),
  ];
  const oids = extensions.map((e) => e.extnID);
  if (new Set(oids).size !== oids.length) throw new PkiError('PKI_INVALID_INPUT', 'an extension appears twice (RFC 5280 §4.2)');
  const hash = o.hash ?? defaultHashFor(signer.scheme);
  const sigAlg = signatureAlgorithmIdentifier(signer.scheme, hash);

  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = positiveInteger(serialMagnitude(o.serial, o.random ?? defaultRandom));
  cert.signature = sigAlg;
  cert.issuer = issuerName;
  cert.subject = subjectName;
  cert.notBefore = x509Time(o.notBefore);
  cert.notAfter = x509Time(o.notAfter);
  cert.subjectPublicKeyInfo = publicKeyInfo;
  cert.extensions = extensions;

  const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
  const signature = await signer.sign(tbs, hash);
  cert.tbsView = tbs;
  cert.signatureAlgorithm = sigAlg;
  cert.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  return encodeDer(cert.toSchema(false));
}
