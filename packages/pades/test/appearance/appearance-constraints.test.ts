import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PdfDocument, pdfArray, pdfDict, pdfName, pdfNumber, pdfStream, pdfString, type PdfObject } from '@paraphe/pdf';
import { describe, expect, test } from 'vitest';
import { addObject, appearanceConstraintsFor } from '../../src/appearance/index.js';
import { MemorySink } from './helpers/memory-sink.js';
import { writePdf } from './helpers/minimal-pdf.js';
import { runTool, tempDir } from './helpers/tools.js';

const ICC_DIR = '/usr/share/color/icc/ghostscript';

/** A PDF/A file written by Ghostscript with an output intent built from one of its ICC profiles. */
function ghostscriptPdfa(part: 1 | 2, strategy: 'RGB' | 'CMYK' | 'Gray', profile: string): PdfDocument {
  expect(existsSync(`${ICC_DIR}/${profile}`), `Ghostscript's ICC profiles (${ICC_DIR}) are missing`).toBe(true);
  const dir = tempDir();
  const template = `/usr/share/ghostscript/${runTool('gs', ['--version']).stdout.trim()}/lib/PDFA_def.ps`;
  expect(existsSync(template), `${template} is missing`).toBe(true);
  const def = readFileSync(template, 'latin1')
    .replace('/ICCProfile (srgb.icc)', `/ICCProfile (${ICC_DIR}/${profile})`);
  writeFileSync(`${dir}/def.ps`, def);
  const out = `${dir}/a.pdf`;
  const r = runTool('gs', [
    '-q', '-dBATCH', '-dNOPAUSE', `-dPDFA=${part}`, '-dPDFACompatibilityPolicy=1', `-sColorConversionStrategy=${strategy}`,
    '-sDEVICE=pdfwrite', `--permit-file-read=${ICC_DIR}/`, `-sOutputFile=${out}`, `${dir}/def.ps`, '-c', 'showpage',
  ]);
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return PdfDocument.load(new Uint8Array(readFileSync(out)));
}

describe('appearanceConstraintsFor, on PDF/A files written by Ghostscript', () => {
  test('PDF/A-2 with an sRGB output intent: DeviceRGB, transparency allowed', () => {
    expect(appearanceConstraintsFor(ghostscriptPdfa(2, 'RGB', 'srgb.icc'), 0))
      .toEqual({ colourSpace: 'DeviceRGB', imageAlpha: 'smask', rotation: 0, pdfaPart: 2 });
  });

  test('PDF/A-1 with a CMYK output intent: DeviceCMYK, PNG alpha flattened', () => {
    expect(appearanceConstraintsFor(ghostscriptPdfa(1, 'CMYK', 'default_cmyk.icc'), 0))
      .toEqual({ colourSpace: 'DeviceCMYK', imageAlpha: 'flatten', rotation: 0, pdfaPart: 1 });
  });
});

describe('appearanceConstraintsFor, on hand-built files', () => {
  function build(
    catalogExtra: (sink: MemorySink) => Record<string, PdfObject>, pagesRotate?: number, pageRotate?: number,
  ): PdfDocument {
    const sink = new MemorySink();
    const pages = sink.allocate();
    const page = sink.allocate();
    sink.set(page, pdfDict({
      Type: pdfName('Page'), Parent: pages, MediaBox: pdfArray([0, 0, 200, 200].map((n) => pdfNumber(n))),
      ...(pageRotate === undefined ? {} : { Rotate: pdfNumber(pageRotate) }),
    }));
    sink.set(pages, pdfDict({
      Type: pdfName('Pages'), Kids: pdfArray([page]), Count: pdfNumber(1),
      ...(pagesRotate === undefined ? {} : { Rotate: pdfNumber(pagesRotate) }),
    }));
    const catalog = sink.allocate();
    sink.set(catalog, pdfDict({ Type: pdfName('Catalog'), Pages: pages, ...catalogExtra(sink) }));
    return PdfDocument.load(writePdf(sink.objects, catalog));
  }

  test('a plain PDF: RGB, transparency allowed, no rotation, no PDF/A claim', () => {
    expect(appearanceConstraintsFor(build(() => ({})), 0)).toEqual({ colourSpace: 'DeviceRGB', imageAlpha: 'smask', rotation: 0, pdfaPart: undefined });
  });

  test('/Rotate is inherited from the page tree, and the page’s own value wins', () => {
    expect(appearanceConstraintsFor(build(() => ({}), 90), 0).rotation).toBe(90);
    expect(appearanceConstraintsFor(build(() => ({}), 90, -90), 0).rotation).toBe(270);
  });

  test('XMP with pdfaid:part as an element, and a grey output intent', () => {
    const xmp = new TextEncoder().encode('<x:xmpmeta><rdf:RDF><rdf:Description><pdfaid:part>1</pdfaid:part></rdf:Description></rdf:RDF></x:xmpmeta>');
    const icc = new Uint8Array(16);
    const doc = build((sink) => ({
      Metadata: addObject(sink, pdfStream(pdfDict({ Type: pdfName('Metadata'), Subtype: pdfName('XML'), Length: pdfNumber(xmp.length) }), xmp)),
      OutputIntents: pdfArray([pdfDict({
        Type: pdfName('OutputIntent'), S: pdfName('GTS_PDFA1'), OutputConditionIdentifier: pdfString('Gray'),
        DestOutputProfile: addObject(sink, pdfStream(pdfDict({ N: pdfNumber(1), Length: pdfNumber(icc.length) }), icc)),
      })]),
    }));
    expect(appearanceConstraintsFor(doc, 0)).toEqual({ colourSpace: 'DeviceGray', imageAlpha: 'flatten', rotation: 0, pdfaPart: 1 });
  });
});
