/** A small one-page PDF with a classic xref table, written byte-exact for tests. */

export interface MinimalPdf {
  readonly bytes: Uint8Array;
  /** Offset of a second, unreferenced definition of object 4 (the page content), when requested. */
  readonly shadowOffset: number | null;
}

/**
 * `shadowText`: also write, after the referenced objects, a second "4 0 obj" content stream
 * that the xref does not use — the hidden payload of a shadow attack.
 */
export function minimalPdfWithShadow(text: string, shadowText?: string): MinimalPdf {
  const bytes = minimalPdf(text, shadowText);
  const marker = Buffer.from(bytes).indexOf('4 0 obj', Buffer.from(bytes).indexOf('4 0 obj') + 1);
  return { bytes, shadowOffset: shadowText ? marker : null };
}

export function minimalPdf(text = 'Paraphe test document', shadowText?: string): Uint8Array {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
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
  if (shadowText) {
    const hidden = `BT /F1 24 Tf 72 720 Td (${shadowText}) Tj ET`;
    out += `4 0 obj\n<< /Length ${hidden.length} >>\nstream\n${hidden}\nendstream\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
