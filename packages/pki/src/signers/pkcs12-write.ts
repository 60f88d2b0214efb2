/**
 * Writes PKCS#12 files that OpenSSL 3 and common tools read: the key in a PBES2
 * (PBKDF2-HMAC-SHA256, AES-256-CBC) shrouded bag, certificates in a plain bag (they are
 * public), and an HMAC-SHA256 integrity MAC.
 */
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { der, tlv } from '../asn1/der-writer.js';
import { OID } from '../asn1/oids.js';
import { PkiError } from '../errors.js';
import { defaultRandom, type RandomSource } from '../random.js';
import { encryptPrivateKey } from './encrypted-pkcs8.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';

export interface WritePkcs12Options {
  readonly key: KeyObject;
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly password: string;
  readonly friendlyName?: string;
  /** PBKDF2 iterations for the key (default 100 000; the MAC uses 2048 as OpenSSL does). */
  readonly iterations?: number;
  readonly random?: RandomSource;
}

function bmpString(s: string): Uint8Array {
  const b = bmpPassword(s);
  return tlv(0x1e, b.subarray(0, b.length - 2));
}

function bag(bagId: string, value: Uint8Array, attributes: Uint8Array[]): Uint8Array {
  return der.sequence(der.oid(bagId), der.explicit(0, value), ...(attributes.length ? [der.setOf(attributes)] : []));
}

function attribute(oid: string, value: Uint8Array): Uint8Array {
  return der.sequence(der.oid(oid), der.setOf([value]));
}

function dataContentInfo(content: Uint8Array): Uint8Array {
  return der.sequence(der.oid(OID.data), der.explicit(0, der.octetString(content)));
}

export function writePkcs12(o: WritePkcs12Options): Uint8Array {
  if (o.key.type !== 'private') throw new PkiError('PKI_INVALID_INPUT', 'writePkcs12 needs a private key');
  const random = o.random ?? defaultRandom;
  const localKeyId = der.octetString(new Uint8Array(createHash('sha1').update(o.certificate).digest()));
  const leafAttrs = [attribute(OID.localKeyId, localKeyId), ...(o.friendlyName ? [attribute(OID.friendlyName, bmpString(o.friendlyName))] : [])];
  const certBag = (c: Uint8Array, attrs: Uint8Array[]) =>
    bag(OID.p12CertBag, der.sequence(der.oid(OID.x509Certificate), der.explicit(0, der.octetString(c))), attrs);
  const certs = der.sequence(certBag(o.certificate, leafAttrs), ...(o.chain ?? []).map((c) => certBag(c, [])));
  const shrouded = encryptPrivateKey(o.key, o.password, { iterations: o.iterations ?? 100_000, random });
  const keys = der.sequence(bag(OID.p12ShroudedKeyBag, shrouded, leafAttrs));
  const authSafe = der.sequence(dataContentInfo(certs), dataContentInfo(keys));

  const salt = random(16);
  const macIterations = 2048;
  const macKey = pkcs12Kdf('sha256', bmpPassword(o.password), salt, 3, macIterations, 32);
  const mac = new Uint8Array(createHmac('sha256', macKey).update(authSafe).digest());
  const macData = der.sequence(
    der.sequence(der.sequence(der.oid(OID.sha256), der.null()), der.octetString(mac)),
    der.octetString(salt),
    der.small(macIterations),
  );
  return der.sequence(der.small(3), dataContentInfo(authSafe), macData);
}
