/**
 * Reads PKCS#12 files: OpenSSL 3 defaults (PBES2/AES-256, PBKDF2 HMAC-SHA256 MAC), the legacy
 * format (pbeWithSHAAnd3-KeyTripleDES-CBC keys, RC2-40 certificates, SHA-1 MAC) and
 * unencrypted bags. Returns the key, its certificate, the rest of the chain and a Signer.
 */
import { createHmac, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { bytesEqual, concatBytes, encodeDer, oidString, toArrayBuffer, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { parseCertificate } from '../cert/parse-certificate.js';
import { PkiError } from '../errors.js';
import { spkiOf } from '../keys/generate-key-pair.js';
import type { Signer } from '../signer.js';
import { keySigner } from './key-signer.js';
import { BadPasswordError, pbeDecrypt } from './pbe.js';
import { privateKeyFromPkcs8 } from './encrypted-pkcs8.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';

export interface LoadedPkcs12 {
  readonly privateKey: KeyObject;
  /** DER of the certificate whose public key matches the private key. */
  readonly certificate: Uint8Array;
  /** The other certificates, ordered issuer-first from the signer's certificate upwards when they chain. */
  readonly chain: readonly Uint8Array[];
  readonly signer: Signer;
}

const MAC_HASH: Record<string, { name: string; length: number }> = {
  [OID.sha1]: { name: 'sha1', length: 20 },
  [OID.sha256]: { name: 'sha256', length: 32 },
  [OID.sha384]: { name: 'sha384', length: 48 },
  [OID.sha512]: { name: 'sha512', length: 64 },
};

function invalid(msg: string, cause?: unknown): PkiError {
  return new PkiError('P12_INVALID', msg, cause === undefined ? undefined : { cause });
}

function parseBer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const r = asn1js.fromBER(toArrayBuffer(bytes));
  if (r.offset === -1) throw invalid(`${what}: not valid BER/DER`);
  return r.result;
}

/** Content octets of an OCTET STRING or an [n] IMPLICIT OCTET STRING, primitive or constructed (BER). */
function octetContent(v: asn1js.AsnType): Uint8Array {
  const block = v as asn1js.BaseBlock<asn1js.ValueBlock> & { valueBlock: { value?: asn1js.AsnType[]; valueHexView?: Uint8Array } };
  if (v.idBlock.isConstructed) return concatBytes(...(block.valueBlock.value ?? []).map(octetContent));
  return toBytes((block.valueBlock as { valueHexView: Uint8Array }).valueHexView);
}

function seq(v: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!(v instanceof asn1js.Sequence)) throw invalid(`${what}: expected a SEQUENCE`);
  return v.valueBlock.value;
}

/** Explicit [0] wrapper content. */
function explicit0(v: asn1js.AsnType | undefined, what: string): asn1js.AsnType {
  const inner = (v as asn1js.Constructed | undefined)?.valueBlock?.value?.[0];
  if (!v || v.idBlock.tagClass !== 3 || v.idBlock.tagNumber !== 0 || !inner) throw invalid(`${what}: expected [0] content`);
  return inner;
}

interface Bag {
  readonly kind: 'key' | 'cert';
  readonly key?: KeyObject;
  readonly cert?: Uint8Array;
}

function macMatches(mac: asn1js.AsnType[], authSafe: Uint8Array, pw: Uint8Array): boolean {
  const [digestInfo, saltV, iterV] = mac;
  const [algV, digestV] = seq(digestInfo, 'MacData.mac');
  const algOid = oidString(seq(algV, 'MAC algorithm')[0] as asn1js.ObjectIdentifier);
  const h = MAC_HASH[algOid];
  if (!h) throw new PkiError('PKI_UNSUPPORTED', `unsupported PKCS#12 MAC hash ${algOid} (PBMAC1 is not supported)`);
  const salt = octetContent(saltV as asn1js.AsnType);
  const iterations = iterV instanceof asn1js.Integer ? iterV.valueBlock.valueDec : 1;
  const key = pkcs12Kdf(h.name, pw, salt, 3, iterations, h.length);
  const actual = createHmac(h.name, key).update(authSafe).digest();
  const expected = Buffer.from(octetContent(digestV as asn1js.AsnType));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function readSafeContents(der: Uint8Array, password: string | null, out: Bag[]): void {
  for (const bagV of seq(parseBer(der, 'SafeContents'), 'SafeContents')) {
    const [idV, valueV] = seq(bagV, 'SafeBag');
    const bagId = oidString(idV as asn1js.ObjectIdentifier);
    const value = explicit0(valueV, 'SafeBag value');
    switch (bagId) {
      case OID.p12KeyBag:
        out.push({ kind: 'key', key: privateKeyFromPkcs8(encodeDer(value)) });
        break;
      case OID.p12ShroudedKeyBag: {
        const [alg, data] = seq(value, 'EncryptedPrivateKeyInfo');
        const plain = pbeDecrypt(alg as asn1js.Sequence, octetContent(data as asn1js.AsnType), password);
        out.push({ kind: 'key', key: privateKeyFromPkcs8(plain) });
        plain.fill(0);
        break;
      }
      case OID.p12CertBag: {
        const [certType, certValue] = seq(value, 'CertBag');
        if (oidString(certType as asn1js.ObjectIdentifier) !== OID.x509Certificate) break; // SDSI certificates: ignored
        out.push({ kind: 'cert', cert: octetContent(explicit0(certValue, 'CertBag value')) });
        break;
      }
      case OID.p12SafeContentsBag:
        readSafeContents(encodeDer(value), password, out);
        break;
      default:
        break; // CRL and secret bags carry nothing a signer needs
    }
  }
}

function orderChain(leaf: Uint8Array, others: Uint8Array[]): Uint8Array[] {
  const parsed = others.map((der) => ({ der, c: parseCertificate(der) }));
  const chain: Uint8Array[] = [];
  let current = parseCertificate(leaf);
  const used = new Set<number>();
  while (!current.selfIssued) {
    const idx = parsed.findIndex((p, i) => !used.has(i) && bytesEqual(p.c.subjectDer, current.issuerDer));
    if (idx < 0) break;
    used.add(idx);
    chain.push(parsed[idx]!.der);
    current = parsed[idx]!.c;
  }
  parsed.forEach((p, i) => !used.has(i) && chain.push(p.der));
  return chain;
}

export function loadPkcs12(bytes: Uint8Array, password: string): LoadedPkcs12 {
  let pfx: asn1js.AsnType[];
  let authSafe: Uint8Array;
  try {
    pfx = seq(parseBer(bytes, 'PKCS#12'), 'PFX');
    const version = pfx[0];
    if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 3) throw invalid('PFX version is not 3');
    const [ctV, contentV] = seq(pfx[1], 'PFX authSafe');
    const ct = oidString(ctV as asn1js.ObjectIdentifier);
    if (ct !== OID.data) throw invalid(`PFX authSafe content type ${ct} is not supported (only password integrity)`);
    authSafe = octetContent(explicit0(contentV, 'authSafe content'));
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw invalid(`not a PKCS#12 file: ${(e as Error).message}`, e);
  }

  // Which password form the file was written with: "" can mean the empty BMPString or none at all.
  const candidates: (string | null)[] = password === '' ? ['', null] : [password];
  let pbePassword: string | null = password;
  if (pfx[2]) {
    const mac = seq(pfx[2], 'MacData');
    const match = candidates.find((c) => macMatches(mac, authSafe, bmpPassword(c)));
    if (match === undefined) throw new PkiError('P12_BAD_PASSWORD', 'wrong password for the PKCS#12 file (integrity check failed)');
    pbePassword = match;
  }

  const bags: Bag[] = [];
  try {
    for (const ci of seq(parseBer(authSafe, 'AuthenticatedSafe'), 'AuthenticatedSafe')) {
      const [ctV, contentV] = seq(ci, 'ContentInfo');
      const ct = oidString(ctV as asn1js.ObjectIdentifier);
      if (ct === OID.data) readSafeContents(octetContent(explicit0(contentV, 'data')), pbePassword, bags);
      else if (ct === OID.encryptedData) {
        const [, eci] = seq(explicit0(contentV, 'encryptedData'), 'EncryptedData');
        const [, alg, enc] = seq(eci, 'EncryptedContentInfo');
        if (!enc) continue; // no content
        readSafeContents(pbeDecrypt(alg as asn1js.Sequence, octetContent(enc), pbePassword), pbePassword, bags);
      } else throw new PkiError('PKI_UNSUPPORTED', `PKCS#12 content type ${ct} (public-key privacy) is not supported`);
    }
  } catch (e) {
    if (e instanceof BadPasswordError) throw new PkiError('P12_BAD_PASSWORD', 'wrong password for the PKCS#12 file', { cause: e });
    if (e instanceof PkiError) throw e;
    throw invalid(`malformed PKCS#12 contents: ${(e as Error).message}`, e);
  }

  const key = bags.find((b) => b.kind === 'key')?.key;
  if (!key) throw invalid('the PKCS#12 file holds no private key');
  const certs = bags.flatMap((b) => (b.cert ? [b.cert] : []));
  const spki = spkiOf(createPublicKey(key));
  const leaf = certs.find((c) => bytesEqual(parseCertificate(c).spki, spki));
  if (!leaf) throw invalid('the PKCS#12 file holds no certificate for its private key');
  const chain = orderChain(
    leaf,
    certs.filter((c) => c !== leaf),
  );
  return Object.freeze({ privateKey: key, certificate: leaf, chain: Object.freeze(chain), signer: keySigner(key, leaf, chain) });
}

