/** Test inputs produced by independent tools: Ghostscript (classic xref table) and qpdf (object + xref streams). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, writeTemp } from './tools.js';

const PS = `%!PS
/Helvetica findfont 24 scalefont setfont
72 700 moveto (Procès-verbal du conseil municipal) show
72 660 moveto (Page 1) show showpage
/Helvetica findfont 24 scalefont setfont
72 700 moveto (Page 2) show showpage
`;

export interface TestInputs {
  readonly classic: Uint8Array;
  readonly objectStreams: Uint8Array;
  readonly encrypted: Uint8Array;
  readonly linearized: Uint8Array;
}

export function makeInputs(dir: string): TestInputs {
  const ps = writeTemp(dir, 'in.ps', PS);
  const classic = join(dir, 'classic.pdf');
  const gs = run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${classic}`, ps]);
  if (gs.status !== 0) throw new Error(`gs failed: ${gs.stderr}`);
  const objstm = join(dir, 'objstm.pdf');
  const q = run('qpdf', ['--object-streams=generate', classic, objstm]);
  if (q.status !== 0) throw new Error(`qpdf failed: ${q.stderr}`);
  const enc = join(dir, 'encrypted.pdf');
  const e = run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', classic, enc]);
  if (e.status !== 0) throw new Error(`qpdf --encrypt failed: ${e.stderr}`);
  const lin = join(dir, 'linearized.pdf');
  const l = run('qpdf', ['--linearize', classic, lin]);
  if (l.status !== 0) throw new Error(`qpdf --linearize failed: ${l.stderr}`);
  return { classic: readFileSync(classic), objectStreams: readFileSync(objstm), encrypted: readFileSync(enc), linearized: readFileSync(lin) };
}
