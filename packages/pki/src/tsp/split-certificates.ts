/**
 * Lifts the embedded certificates out of a time-stamp token's SignedData by their DER headers,
 * so the token's structure is decoded without its certificates and each certificate is read
 * once per DER (through the certificate cache) instead of once per token.
 */
import { tlv } from '../asn1/der-writer.js';
import { concatAll } from '../asn1/bytes.js';
import { derElementAt } from './der-split.js';

export interface SplitToken {
  /** The same ContentInfo with the SignedData's [0] certificates field left out. */
  readonly withoutCertificates: Uint8Array;
  /** Each CertificateChoices element exactly as encoded, in order. */
  readonly certificates: readonly Uint8Array[];
}

/**
 * The split, or undefined when the token is not the plain DER shape this handles (only
 * X.509 Certificate choices): the caller then decodes the token whole, which reports why a
 * malformed token is refused.
 */
export function splitCertificates(token: Uint8Array): SplitToken | undefined {
  const ci = derElementAt(token, 0, 'time-stamp token');
  if (ci.tag !== 0x30 || ci.end !== token.length) return undefined;
  const oid = derElementAt(token, ci.contentStart, 'time-stamp token');
  if (oid.tag !== 0x06 || oid.end >= ci.end) return undefined;
  const wrapper = derElementAt(token, oid.end, 'time-stamp token');
  if (wrapper.tag !== 0xa0 || wrapper.end !== ci.end) return undefined;
  const sd = derElementAt(token, wrapper.contentStart, 'time-stamp token');
  if (sd.tag !== 0x30 || sd.end !== wrapper.end) return undefined;
  const kept: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  let at = sd.contentStart;
  let index = 0;
  while (at < sd.end) {
    const el = derElementAt(token, at, 'time-stamp token');
    if (el.end > sd.end) return undefined;
    // version, digestAlgorithms, encapContentInfo come first; [0] certificates may follow.
    if (index === 3 && el.tag === 0xa0) {
      let c = el.contentStart;
      while (c < el.end) {
        const cert = derElementAt(token, c, 'time-stamp token certificate');
        if (cert.tag !== 0x30 || cert.end > el.end) return undefined;
        certificates.push(token.slice(c, cert.end));
        c = cert.end;
      }
    } else {
      kept.push(token.subarray(at, el.end));
    }
    at = el.end;
    index++;
  }
  const withoutCertificates = tlv(0x30, token.subarray(ci.contentStart, oid.end), tlv(0xa0, tlv(0x30, concatAll(kept))));
  return { withoutCertificates, certificates };
}
