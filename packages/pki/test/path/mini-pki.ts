/** A throw-away PKI for tests: root, intermediate and leaf certificates, CRLs and OCSP responses. */
import 'reflect-metadata';
import { KeyObject, sign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { parseCertificate } from '../../src/path/certificate.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Key generation and signing parameters (WebCrypto). */
export type KeyAlgorithm = Record<string, unknown> & { name: string };

const ALG: KeyAlgorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
export const ALGORITHMS: Record<string, KeyAlgorithm> = {
  'ECDSA P-256': ALG,
  'ECDSA P-384': { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  'RSA PKCS#1 v1.5': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  'RSA-PSS': { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256', saltLength: 32 },
  Ed25519: { name: 'Ed25519' },
};
const DAY = 86_400_000;
const buf = (u: Uint8Array): ArrayBuffer => new Uint8Array(u).buffer;

export interface Entity {
  name: string;
  alg: KeyAlgorithm;
  keys: CryptoKeyPair;
  der: Uint8Array;
}

export interface IssueOptions {
  name: string;
  issuer?: Entity;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  eku?: string[];
  ocspUrl?: string;
  caIssuersUrl?: string;
  crlUrl?: string;
  serial?: string;
  /** Reuse a key pair (cross-certificates, key rollover). */
  keys?: CryptoKeyPair;
  algorithm?: KeyAlgorithm;
  /** Raw extensions added as given: (oid, critical, DER value). */
  rawExtensions?: [string, boolean, Uint8Array][];
}

let serialCounter = 1;

export async function issue(o: IssueOptions): Promise<Entity> {
  const alg = o.algorithm ?? ALG;
  const keys = o.keys ?? ((await webcrypto.subtle.generateKey(alg as unknown as EcKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair);
  const extensions: x509.Extension[] = [
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (o.issuer) {
    const issuerCert = new x509.X509Certificate(buf(o.issuer.der));
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerCert));
  }
  if (o.ca) {
    extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
  } else {
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true));
  }
  if (o.eku) extensions.push(new x509.ExtendedKeyUsageExtension(o.eku, false));
  if (o.ocspUrl || o.caIssuersUrl) {
    extensions.push(new x509.AuthorityInfoAccessExtension({
      ...(o.ocspUrl ? { ocsp: [o.ocspUrl] } : {}),
      ...(o.caIssuersUrl ? { caIssuers: [o.caIssuersUrl] } : {}),
    }));
  }
  if (o.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([o.crlUrl]));
  for (const [oid, critical, value] of o.rawExtensions ?? []) extensions.push(new x509.Extension(oid, critical, buf(value)));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: o.serial ?? (0x1000 + serialCounter++).toString(16),
    subject: `CN=${o.name}, O=Paraphe Test`,
    issuer: o.issuer ? `CN=${o.issuer.name}, O=Paraphe Test` : `CN=${o.name}, O=Paraphe Test`,
    notBefore: o.notBefore ?? new Date('2024-01-01T00:00:00Z'),
    notAfter: o.notAfter ?? new Date('2034-01-01T00:00:00Z'),
    publicKey: keys.publicKey,
    signingKey: o.issuer ? o.issuer.keys.privateKey : keys.privateKey,
    signingAlgorithm: (o.issuer ? o.issuer.alg : alg) as unknown as Algorithm,
    extensions,
  });
  return { name: o.name, alg, keys, der: new Uint8Array(cert.rawData) };
}

export interface Revoked { cert: Entity; at: Date; reason?: x509.X509CrlReason }

export async function crl(issuer: Entity, revoked: Revoked[], thisUpdate: Date, nextUpdate: Date): Promise<Uint8Array> {
  const out = await x509.X509CrlGenerator.create({
    issuer: `CN=${issuer.name}, O=Paraphe Test`,
    thisUpdate,
    nextUpdate,
    entries: revoked.map((r) => ({
      serialNumber: new x509.X509Certificate(buf(r.cert.der)).serialNumber,
      revocationDate: r.at,
      reason: r.reason ?? x509.X509CrlReason.keyCompromise,
    })),
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: issuer.alg as unknown as Algorithm,
  });
  return new Uint8Array(out.rawData);
}

export type OcspStatus = { status: 'good' } | { status: 'unknown' } | { status: 'revoked'; at: Date };

export interface OcspOptions {
  cert: Entity;
  issuer: Entity;
  /** Who signs; defaults to the issuer. */
  signer?: Entity;
  status: OcspStatus;
  thisUpdate: Date;
  nextUpdate?: Date;
}

const tagged = (tag: number, value: asn1js.AsnType[]): asn1js.Constructed =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: tag }, value });

/** A DER OCSPResponse (RFC 6960) built by hand, signed with ECDSA-SHA256. */
export async function ocspResponse(o: OcspOptions): Promise<Uint8Array> {
  const cert = parseCertificate(o.cert.der);
  const issuer = parseCertificate(o.issuer.der);
  const signer = o.signer ?? o.issuer;
  const signerCert = parseCertificate(signer.der);
  const { createHash } = await import('node:crypto');
  const sha1 = (d: Uint8Array): ArrayBuffer => buf(new Uint8Array(createHash('sha1').update(d).digest()));
  const certId = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.3.14.3.2.26' }), new asn1js.Null()] }),
      new asn1js.OctetString({ valueHex: sha1(cert.issuer.der) }),
      new asn1js.OctetString({ valueHex: sha1(issuer.publicKeyBits) }),
      new asn1js.Integer({ valueHex: buf(cert.serial) }),
    ],
  });
  const s = o.status;
  const status = s.status === 'good'
    ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } })
    : s.status === 'unknown'
      ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } })
      : tagged(1, [new asn1js.GeneralizedTime({ valueDate: s.at })]);
  const single = new asn1js.Sequence({
    value: [
      certId, status, new asn1js.GeneralizedTime({ valueDate: o.thisUpdate }),
      ...(o.nextUpdate ? [tagged(0, [new asn1js.GeneralizedTime({ valueDate: o.nextUpdate })])] : []),
    ],
  });
  const tbs = new asn1js.Sequence({
    value: [
      tagged(1, [asn1js.fromBER(buf(signerCert.subject.der)).result]),
      new asn1js.GeneralizedTime({ valueDate: o.thisUpdate }),
      new asn1js.Sequence({ value: [single] }),
    ],
  });
  const tbsDer = new Uint8Array(tbs.toBER());
  const key = KeyObject.from(signer.keys.privateKey as unknown as webcrypto.CryptoKey);
  const signature = sign('sha256', tbsDer, key);
  const basic = new asn1js.Sequence({
    value: [
      asn1js.fromBER(buf(tbsDer)).result,
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.4.3.2' })] }),
      new asn1js.BitString({ valueHex: buf(new Uint8Array(signature)) }),
      ...(signer !== o.issuer ? [tagged(0, [new asn1js.Sequence({ value: [asn1js.fromBER(buf(signer.der)).result] })])] : []),
    ],
  });
  const response = new asn1js.Sequence({
    value: [
      new asn1js.Enumerated({ value: 0 }),
      tagged(0, [new asn1js.Sequence({
        value: [new asn1js.ObjectIdentifier({ value: '1.3.6.1.5.5.7.48.1.1' }), new asn1js.OctetString({ valueHex: basic.toBER() })],
      })]),
    ],
  });
  return new Uint8Array(response.toBER());
}

export const days = (n: number): number => n * DAY;
