/**
 * DER writing for the CMS structures PAdES signs and embeds: pki's exact-bytes DER writer (no
 * asn1js re-encoding of what was signed) under the names the signing modules use.
 */
import { compareBytes, concatAll, der, tlv } from '@paraphe/pki';

export { tlv };

export const concatBytes = concatAll;

export const sequence = der.sequence;
export const setOf = der.setOf;
export const explicit = der.explicit;
export const octetString = der.octetString;
export const derNull = der.null;
export const objectIdentifier = der.oid;
/** INTEGER from a small non-negative number (versions, salt lengths). */
export const integer = der.small;

/** Elements in DER SET OF order (X.690 §11.6), for a SET written through tlv(). */
export function sortDer(items: readonly Uint8Array[]): Uint8Array[] {
  return [...items].sort(compareBytes);
}

/** GeneralizedTime in whole seconds (YYYYMMDDHHmmSSZ), as RFC 5280 and most TSAs write it. */
export function generalizedTime(date: Date): Uint8Array {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const text =
    `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
  return tlv(0x18, new TextEncoder().encode(text));
}
