/**
 * Writes a valid one-page PDF of about `bytes` bytes whose bulk is an uncompressed RGB image of
 * random pixels (incompressible), streaming to disk so the test process stays small.
 */
import { randomFillSync } from 'node:crypto';
import { open } from 'node:fs/promises';

export async function writeBigPdf(path: string, bytes: number): Promise<void> {
  const side = Math.max(1, Math.floor(Math.sqrt(bytes / 3)));
  const length = side * side * 3;
  const handle = await open(path, 'w');
  const offsets: number[] = [];
  let position = 0;
  const write = async (data: string | Uint8Array) => {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    await handle.write(chunk);
    position += chunk.length;
  };
  const object = async (body: string) => {
    offsets.push(position);
    await write(`${offsets.length} 0 obj\n${body}\nendobj\n`);
  };
  try {
    await write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    await object('<< /Type /Catalog /Pages 2 0 R >>');
    await object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    await object(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    );
    const content = 'q 500 0 0 500 47 171 cm /Im1 Do Q';
    await object(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    offsets.push(position);
    await write(
      `5 0 obj\n<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${length} >>\nstream\n`,
    );
    const chunk = Buffer.alloc(1 << 20);
    for (let left = length; left > 0; left -= chunk.length) {
      randomFillSync(chunk);
      await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
    }
    await write('\nendstream\nendobj\n');
    const xref = position;
    const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    await write(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${rows}`);
    await write(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } finally {
    await handle.close();
  }
}
