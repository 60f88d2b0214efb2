/** @libpdf/core: PDF.load + pdf.sign with its P12Signer (as its README shows). */
import { readFile, writeFile } from 'node:fs/promises';
import { P12Signer, PDF } from '@libpdf/core';
import type { BenchConfig, SignOne } from '../config.js';

export async function libpdfPeer(config: BenchConfig): Promise<SignOne> {
  const signer = await P12Signer.create(new Uint8Array(await readFile(config.p12)), config.password);
  return async (input, output) => {
    const pdf = await PDF.load(new Uint8Array(await readFile(input)));
    const { bytes } = await pdf.sign({ signer, reason: 'benchmark' });
    await writeFile(output, bytes);
  };
}
