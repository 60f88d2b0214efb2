/**
 * Builds signed PDFs by hand (placeholder + openssl cms), to exercise SubFilters and
 * algorithms a product signer would never write: adbe.pkcs7.sha1, MD5, RSA-PSS, Ed25519...
 * The update is appended to `minimalPdf()` (whose objects 1–5 are known).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimalPdf } from './minimal-pdf.js';
import { tool, write } from './tools.js';

const CONTENTS_HEX = 16384;
const WIDTH = 10;

export interface HandSignOptions {
  readonly dir: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly subFilter: 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached' | 'adbe.pkcs7.sha1';
  /** Extra openssl cms arguments, e.g. ['-md', 'sha512'] or ['-keyopt', 'rsa_padding_mode:pss']. */
  readonly cmsArgs?: readonly string[];
}

export function handSigned(o: HandSignOptions): Uint8Array {
  const base = Buffer.from(minimalPdf());
  const text = base.toString('latin1');
  const prevXref = Number(/startxref\n(\d+)/.exec(text)![1]);
  let tail = '';
  const offsets = new Map<number, number>();
  const add = (num: number, body: string): void => {
    offsets.set(num, base.length + tail.length);
    tail += `${num} 0 obj\n${body}\nendobj\n`;
  };
  const placeholder = '9'.repeat(WIDTH);
  add(6, `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${o.subFilter} /ByteRange [0 ${placeholder} ${placeholder} ${placeholder}] /Contents <${'0'.repeat(CONTENTS_HEX)}> /M (D:20261203150000Z) >>`);
  add(7, '<< /FT /Sig /T (Signature1) /V 6 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>');
  add(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R] /SigFlags 3 >> >>');
  add(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [7 0 R] >>');
  const xref = base.length + tail.length;
  const entries = [...offsets.entries()].sort((a, b) => a[0] - b[0]);
  tail += 'xref\n';
  for (const [num, off] of entries) tail += `${num} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size 8 /Root 1 0 R /Prev ${prevXref} >>\nstartxref\n${xref}\n%%EOF\n`;
  const file = Buffer.concat([base, Buffer.from(tail, 'latin1')]);
  const s = file.toString('latin1');
  const gapStart = s.indexOf('/Contents <', base.length) + '/Contents '.length;
  const gapEnd = gapStart + CONTENTS_HEX + 2;
  const range = `0 ${String(gapStart).padStart(WIDTH, ' ')} ${String(gapEnd).padStart(WIDTH, ' ')} ${String(file.length - gapEnd).padStart(WIDTH, ' ')}`;
  const rangeAt = s.indexOf(`0 ${placeholder} ${placeholder} ${placeholder}`, base.length);
  file.write(range, rangeAt, 'latin1');
  const signed = Buffer.concat([file.subarray(0, gapStart), file.subarray(gapEnd)]);
  // adbe.pkcs7.sha1 encapsulates the SHA-1 digest of the signed bytes; the others sign them detached.
  const content = write(o.dir, 'content.bin', o.subFilter === 'adbe.pkcs7.sha1' ? createHash('sha1').update(signed).digest() : signed);
  const out = join(o.dir, 'cms.der');
  tool('openssl', ['cms', '-sign', '-binary', '-outform', 'DER', '-in', content, '-signer', o.certPath, '-inkey', o.keyPath, '-out', out,
    ...(o.subFilter === 'adbe.pkcs7.sha1' ? ['-nodetach'] : []), ...(o.cmsArgs ?? [])]);
  const der = readFileSync(out).toString('hex');
  if (der.length > CONTENTS_HEX) throw new Error('CMS larger than the placeholder');
  file.write(der, gapStart + 1, 'latin1');
  return new Uint8Array(file);
}
