import { readFileSync } from 'node:fs';
import { PdfDocument } from '@paraphe/pdf';
const d = PdfDocument.load(readFileSync(process.argv[2]!));
console.log('recovered', d.recovered, d.revisions.length, d.warnings.slice(0, 10));
