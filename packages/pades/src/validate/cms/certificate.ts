/** Parsed view of an X.509 certificate keeping its exact DER, with the facts the report shows. */
import * as pkijs from 'pkijs';
import { parseDer } from '../../cms/asn1-util.js';
import { OID, toHex } from '@paraphe/pki';

export interface CertView {
  readonly der: Uint8Array;
  readonly cert: pkijs.Certificate;
  readonly subject: string;
  readonly issuer: string;
  readonly serialHex: string;
  readonly spki: Uint8Array;
  readonly ski: Uint8Array | null;
}

const DN_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU',
  '2.5.4.5': 'SERIALNUMBER', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '2.5.4.12': 'T', '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E', '0.9.2342.19200300.100.1.25': 'DC', '0.9.2342.19200300.100.1.1': 'UID',
};

export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  const parts: string[] = [];
  for (const tv of name.typesAndValues) {
    const key = DN_NAMES[tv.type] ?? tv.type;
    const v = tv.value as { valueBlock?: { value?: unknown } };
    const text = typeof v?.valueBlock?.value === 'string' ? v.valueBlock.value : '#';
    parts.push(`${key}=${text.replace(/([,+"\\<>;])/g, '\\$1')}`);
  }
  // RFC 4514 lists the most specific RDN first.
  return parts.reverse().join(', ');
}

/**
 * Parsed certificates are immutable and the same few (CAs, TSAs) recur across documents: a
 * small LRU keyed by the exact DER spares re-parsing them (ASN.1 schema parsing dominates).
 */
const CACHE_SIZE = 512;
const cache = new Map<string, CertView | null>();

/** Parses one certificate; returns null (never throws) when the bytes are not a certificate. */
export function parseCertificate(der: Uint8Array): CertView | null {
  const key = Buffer.from(der.buffer, der.byteOffset, der.length).toString('latin1');
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const view = parseUncached(der);
  cache.set(key, view);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return view;
}

function parseUncached(input: Uint8Array): CertView | null {
  const der = input.slice(); // own copy: the cache must not keep a whole document alive
  const asn = parseDer(der);
  if (!asn) return null;
  try {
    const cert = new pkijs.Certificate({ schema: asn });
    const skiExt = cert.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
    let ski: Uint8Array | null = null;
    if (skiExt) {
      const parsed = skiExt.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
      const view = parsed?.valueBlock?.valueHexView;
      if (view) ski = new Uint8Array(view);
    }
    return {
      der,
      cert,
      subject: formatName(cert.subject),
      issuer: formatName(cert.issuer),
      serialHex: toHex(new Uint8Array(cert.serialNumber.valueBlock.valueHexView)),
      spki: new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false)),
      ski,
    };
  } catch {
    // Not a certificate we can decode: callers treat it as absent and say so.
    return null;
  }
}

export function hasEku(view: CertView, oid: string): boolean {
  const ext = view.cert.extensions?.find((e) => e.extnID === '2.5.29.37');
  const usages = (ext?.parsedValue as { keyPurposes?: string[] } | undefined)?.keyPurposes;
  return Array.isArray(usages) && usages.includes(oid);
}
