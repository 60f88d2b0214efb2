import { readFileSync } from 'node:fs';
import { createFixture } from '../test/sign/support/fixture.js';
import { findSignatures } from '../test/sign/support/inspect.js';
import { opensslCmsVerify, qpdfCheck } from '../test/sign/support/checks.js';
import { signPdf } from '../src/sign/sign-pdf.js';
import { SignError } from '../src/sign/sign-error.js';
import { validate } from '../src/validate/index.js';

const m = JSON.parse(readFileSync('/work/shared/corpus/manifest.json', 'utf8')) as { dest: string; expect: string }[];
const fx = await createFixture();
const counts: Record<string, number> = {};
for (const e of m) {
  if (!e.dest.endsWith('.pdf')) continue;
  const bytes = readFileSync(`/work/shared/corpus/${e.dest}`);
  let outcome: string;
  try {
    const out = await signPdf(bytes, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const sigs = findSignatures(out);
    const ours = sigs.find((s) => s.byteRange[1] >= bytes.length - 1);
    const ossl = ours ? opensslCmsVerify(fx.dir, ours).ok : false;
    const r = await validate(out, { trustAnchors: [fx.pki.root.der], at: new Date('2026-12-04T00:00:00Z') });
    const mine = r.signatures.find((s) => s.signer?.subject?.includes('Marie'));
    outcome = `signed ossl=${ossl} validator=${mine?.indication}/${mine?.subIndication ?? ''}/${mine?.modification}`;
    if (!ossl || mine?.indication !== 'TOTAL_PASSED') console.log(e.dest, e.expect.slice(0, 40), outcome, r.warnings.slice(0, 2));
  } catch (err) {
    outcome = err instanceof SignError ? `refused ${err.code}` : `CRASH ${(err as Error).constructor.name}`;
    if (!(err instanceof SignError) || ['SIGN_WRITE','SIGN_BAD_OPTIONS','SIGN_NOT_PDF','SIGN_MALFORMED','SIGN_WOULD_BREAK_SIGNATURES'].includes(err.code)) console.log(e.dest, e.expect.slice(0, 40), outcome, (err as Error).message.slice(0, 150));
  }
  counts[outcome.replace(/validator=.*/, '')] = (counts[outcome.replace(/validator=.*/, '')] ?? 0) + 1;
}
console.log(counts);
