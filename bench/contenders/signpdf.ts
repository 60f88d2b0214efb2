/**
 * @signpdf/signpdf with placeholder-plain and signer-p12 (node-forge: needs the legacy PKCS#12).
 * A P12Signer can sign only once (it consumes its buffer), so each document gets a new one and
 * its time includes decrypting the PKCS#12 — which is how that library is used.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import type { BenchConfig, SignOne } from '../config.js';

export async function signpdfPeer(config: BenchConfig): Promise<SignOne> {
  const p12 = await readFile(config.legacyP12);
  const signpdf = new SignPdf();
  return async (input, output) => {
    const signer = new P12Signer(p12, { passphrase: config.password });
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: await readFile(input),
      reason: 'benchmark',
      contactInfo: '',
      name: 'Paraphe bench',
      location: '',
    });
    const signed = await signpdf.sign(withPlaceholder, signer);
    await writeFile(output, signed);
  };
}
