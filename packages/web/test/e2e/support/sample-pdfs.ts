/**
 * PDFs for the verification page: a one-page document signed (PAdES B-B) with a personal
 * certificate issued by the server's own CA, the same file altered after signing, and a file
 * that is not a PDF.
 */
import type { ParapheServer } from '@paraphe/server';
import { generateKeyPair, issueCertificate, keySigner } from '@paraphe/pki';
import { signPdf } from '@paraphe/pades';

export const SIGNER_NAME = 'Jeanne Tremblay';
const TEXT = 'Reglement 2026-14 sur la circulation';

function onePagePdf(): Uint8Array {
  const content = `BT /F1 20 Tf 72 720 Td (${TEXT}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface SamplePdfs {
  readonly signed: Uint8Array;
  /** The signed file with one word of the signed page content changed (same length). */
  readonly tampered: Uint8Array;
  readonly notPdf: Uint8Array;
}

export async function samplePdfs(server: ParapheServer): Promise<SamplePdfs> {
  const { ca } = server.ctx.pki;
  const key = await generateKeyPair('ec-p256');
  const now = server.ctx.clock();
  const certificate = await issueCertificate({
    profile: 'person',
    subject: { commonName: SIGNER_NAME, organization: 'Ville de Saint-Exemple', title: 'Greffière' },
    publicKey: key.publicKey,
    issuer: { certificate: ca.certificate, signer: ca.signer },
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
  });
  const signer = keySigner(key.privateKey, certificate, [ca.certificate, ...ca.chain]);
  const signed = await signPdf(onePagePdf(), { signer, level: 'B-B', reason: 'Adoption', location: 'Hôtel de ville' });
  const tampered = Buffer.from(signed);
  const at = tampered.indexOf('2026-14');
  if (at < 0) throw new Error('sample text not found in the signed file');
  tampered.write('2026-99', at, 'latin1');
  return { signed, tampered: new Uint8Array(tampered), notPdf: Buffer.from('these are not the bytes of a PDF\n') };
}
