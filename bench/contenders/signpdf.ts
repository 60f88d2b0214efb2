/** @signpdf/signpdf with placeholder-plain and signer-p12 (node-forge: needs the legacy PKCS#12). */
import { readFile, writeFile } from 'node:fs/promises';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import type { BenchConfig, SignOne } from '../config.js';

export async function signpdfPeer(config: BenchConfig): Promise<SignOne> {
  const signer = new P12Signer(await readFile(config.legacyP12), { passphrase: config.password });
  return async (input, output) => {
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
