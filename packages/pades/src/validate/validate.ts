/**
 * `validate`: checks every signature and document timestamp of a PDF and returns the report
 * of DESIGN.md §3. Unreadable files raise ValidationError; everything else is a report.
 */
import { PdfDocument, PdfError } from '@paraphe/pdf';
import type { ValidationContext } from './context.js';
import { parseCertificate } from './cms/certificate.js';
import { DEFAULT_CRYPTO_POLICY } from './crypto-policy.js';
import { ValidationError } from './errors.js';
import type { Evaluated } from './evaluated.js';
import { evaluateSignature } from './evaluate-signature.js';
import { evaluateDocTimestamp } from './evaluate-timestamp.js';
import { padesLevel } from './level.js';
import type { ValidateOptions } from './options.js';
import type { Indication, SignatureReport, ValidationReport } from './report.js';
import { certificationOf } from './structure/doc-mdp.js';
import { readDss } from './structure/dss.js';
import { findSignatures, removedSignatures, type FoundSignature } from './structure/find-signatures.js';
import type { PdfView } from './structure/pdf-view.js';
import { checkSanity, type SanityView } from './structure/sanity.js';
import { checkStructureTree } from './structure/structure-tree.js';
import { tolerantView } from './structure/tolerant-view.js';

const MAX_SIGNATURES = 100;
const MAX_WARNINGS = 50;
/** Work budget per document; signatures left when it is spent are reported INDETERMINATE. */
const BUDGET_MS = 2500;

function loadDocument(bytes: Uint8Array): PdfView {
  try {
    const doc = PdfDocument.load(bytes, { limits: { deadlineMs: BUDGET_MS } });
    doc.catalog();
    return doc as unknown as PdfView;
  } catch (e) {
    if (e instanceof PdfError) {
      const code = e.code === 'PDF_ENCRYPTED' ? 'VALIDATE_ENCRYPTED' : e.code === 'PDF_LIMIT' ? 'VALIDATE_LIMIT' : 'VALIDATE_UNREADABLE';
      throw new ValidationError(code, `the file cannot be read as a PDF: ${e.message}`, e.code);
    }
    throw new ValidationError('VALIDATE_UNREADABLE', `the file cannot be read as a PDF: ${(e as Error).message}`);
  }
}

function unexpected(sig: FoundSignature, reason: string): Evaluated {
  return {
    report: {
      field: sig.fieldNames.join(', '), type: sig.type, indication: 'INDETERMINATE', subIndication: 'FORMAT_FAILURE',
      intact: false, cryptoValid: false, trusted: false, coverage: 'UNCLEAR', modification: 'OTHER', changes: [],
      signer: null, signingTime: { claimed: null, timestamp: null }, revocation: { status: 'unknown', source: null },
      reasons: [reason], subFilter: null, byteRange: null,
    },
    revision: null, baseline: false, timestamped: false, chain: [], tsaChain: [], docTimestampValid: false,
  };
}

function overall(signatures: readonly SignatureReport[]): Indication {
  if (signatures.length === 0) return 'INDETERMINATE';
  if (signatures.some((s) => s.indication === 'TOTAL_FAILED')) return 'TOTAL_FAILED';
  if (signatures.every((s) => s.indication === 'TOTAL_PASSED')) return 'TOTAL_PASSED';
  return 'INDETERMINATE';
}

export async function validate(pdfBytes: Uint8Array, options: ValidateOptions): Promise<ValidationReport> {
  if (!(pdfBytes instanceof Uint8Array)) throw new ValidationError('VALIDATE_BAD_OPTIONS', 'pdfBytes must be a Uint8Array');
  options.trustAnchors.forEach((der, i) => {
    if (!(der instanceof Uint8Array) || !parseCertificate(der)) throw new ValidationError('VALIDATE_BAD_OPTIONS', `trust anchor #${i + 1} is not a DER X.509 certificate`);
  });
  const at = options.at ?? new Date();
  const started = performance.now();
  const raw = loadDocument(pdfBytes);
  const warnings: string[] = [];
  const doc = tolerantView(raw, warnings);
  if (doc.recovered) warnings.push('the cross-reference data is damaged; the document structure was rebuilt by scanning');
  let found: FoundSignature[];
  let ctx: ValidationContext;
  try {
    checkSanity(raw as unknown as SanityView, warnings);
    checkStructureTree(doc, warnings);
    found = findSignatures(doc, warnings);
    warnings.push(...removedSignatures(doc, found));
    const dss = readDss(doc, warnings);
    ctx = { doc, raw, dss, options, at, crypto: options.policy?.crypto ?? DEFAULT_CRYPTO_POLICY, certification: certificationOf(doc), proofs: [] };
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    const code = e instanceof PdfError ? e.code : undefined;
    throw new ValidationError(code === 'PDF_LIMIT' ? 'VALIDATE_LIMIT' : 'VALIDATE_UNREADABLE', `the document structure cannot be read: ${(e as Error).message}`, code);
  }
  if (found.length > MAX_SIGNATURES) {
    warnings.push(`the document has ${found.length} signatures; only the first ${MAX_SIGNATURES} were validated`);
    found = found.slice(0, MAX_SIGNATURES);
  }
  // Document timestamps first, newest first: each proves the existence of what it covers.
  const endOf = (s: FoundSignature): number => {
    const br = s.dict.entries.get('ByteRange');
    const last = br?.kind === 'array' ? br.items[3] : undefined;
    const third = br?.kind === 'array' ? br.items[2] : undefined;
    return last?.kind === 'number' && third?.kind === 'number' ? third.value + last.value : 0;
  };
  found = [...found.filter((s) => s.type === 'doc-timestamp').sort((a, b) => endOf(b) - endOf(a)), ...found.filter((s) => s.type !== 'doc-timestamp')];
  const evaluated: Evaluated[] = [];
  for (const sig of found) {
    if (performance.now() - started > BUDGET_MS) {
      evaluated.push(unexpected(sig, 'not validated: the time budget for this document was exhausted'));
      continue;
    }
    try {
      evaluated.push(sig.type === 'doc-timestamp' ? await evaluateDocTimestamp(ctx, sig) : await evaluateSignature(ctx, sig));
    } catch (e) {
      const code = (e as { code?: string }).code;
      evaluated.push(unexpected(sig, `the signature could not be validated${code ? ` (${code})` : ''}: ${(e as Error).message}`));
    }
  }
  // Oldest first, as they were applied to the document.
  evaluated.sort((a, b) => (a.report.byteRange?.[2] ?? 0) + (a.report.byteRange?.[3] ?? 0) - ((b.report.byteRange?.[2] ?? 0) + (b.report.byteRange?.[3] ?? 0)));
  const docTs = evaluated.filter((e) => e.report.type === 'doc-timestamp');
  const signatures: SignatureReport[] = evaluated.map((e) => ({ ...e.report, level: e.report.type === 'signature' ? padesLevel(e, docTs, ctx.dss) : null }));
  if (signatures.length === 0) warnings.push('no signature: the document contains no signed signature field');
  for (const w of raw.warnings) {
    if (warnings.length >= MAX_WARNINGS) break;
    warnings.push(w);
  }
  return { indication: overall(signatures), signatures, warnings, validationTime: at.toISOString() };
}
