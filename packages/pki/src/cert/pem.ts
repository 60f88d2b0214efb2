/** PEM armouring and de-armouring of DER blobs (certificates, CRLs, keys). */
import { PkiError } from '../errors.js';

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** All PEM blocks with `label` (any label when omitted), in order. */
export function pemBlocks(pem: string, label?: string): Uint8Array[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(re)) {
    if (label && m[1] !== label) continue;
    out.push(new Uint8Array(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64')));
  }
  return out;
}

/** DER from DER-or-PEM input: bytes starting with "-----BEGIN" are de-armoured (first block). */
export function derFromInput(input: Uint8Array | string, label?: string): Uint8Array {
  const text = typeof input === 'string' ? input : input[0] === 0x2d ? Buffer.from(input).toString('latin1') : null;
  if (text === null) return input as Uint8Array;
  const first = pemBlocks(text, label)[0];
  if (!first) throw new PkiError('PKI_INVALID_INPUT', `no PEM block${label ? ` labelled ${label}` : ''} found`);
  return first;
}
