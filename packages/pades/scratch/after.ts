import { readFileSync } from 'node:fs';
import { createFixture } from '../test/sign/support/fixture.js';
import { signPdf } from '../src/sign/sign-pdf.js';
import { SignError } from '../src/sign/sign-error.js';
import { validate } from '../src/validate/index.js';
const m = JSON.parse(readFileSync('/work/shared/corpus/manifest.json', 'utf8')) as { dest: string; expect: string }[];
const fx = await createFixture();
const at = new Date('2026-12-04T00:00:00Z');
for (const e of m.filter((x) => x.expect.startsWith('valid') && x.dest.endsWith('.pdf'))) {
  const bytes = readFileSync(`/work/shared/corpus/${e.dest}`);
  const before = await validate(bytes, { trustAnchors: [fx.pki.root.der], at });
  let out: Uint8Array;
  try { out = await signPdf(bytes, fx.rsaOptions()); } catch (err) { console.log(e.dest, 'refused', (err as SignError).code); continue; }
  const after = await validate(out, { trustAnchors: [fx.pki.root.der], at });
  const diffs: string[] = [];
  before.signatures.forEach((b, i) => {
    const a = after.signatures[i];
    if (!a) { diffs.push(`#${i} missing`); return; }
    if (a.intact !== b.intact || a.cryptoValid !== b.cryptoValid) diffs.push(`#${i} intact/crypto changed`);
    if (a.changes.length > b.changes.length) diffs.push(`#${i} ${b.modification}->${a.modification}: ${a.changes.slice(b.changes.length).join(' | ')}`);
  });
  const mine = after.signatures[after.signatures.length - 1];
  console.log(e.dest, diffs.length ? diffs : 'ok', 'mine:', mine?.indication, mine?.subIndication ?? '');
}
