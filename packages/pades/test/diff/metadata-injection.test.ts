/**
 * Hostile XML (entity bombs, external entities, DTDs, non-XMP documents — pyHanko's bad-xml
 * set) written as the catalog /Metadata stream after signing must be a disallowed change, and
 * deciding so must not involve an XML parser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flateEncode, pdfDict, pdfName, pdfRef, pdfStream, withEntry, type PdfDocument } from '@paraphe/pdf';
import { analyzeRevisions } from '../../src/diff/index.js';
import { appendUpdate, CORPUS, latin1, loadCorpus } from './support.js';

const BASE = 'pyhanko/pdf/minimal-two-fields-signed-twice.pdf';
/** Acrobat's XMP packet object in the base file, referenced by the catalog (object 10). */
const METADATA = pdfRef(2);
const CATALOG = pdfRef(10);
const BAD_XML = resolve(CORPUS, 'pyhanko/xml/bad-xml');
const payloads = readdirSync(BAD_XML).filter((f) => f.endsWith('.xml'));

function metadataStream(bytes: Uint8Array) {
  return pdfStream(pdfDict({ Type: pdfName('Metadata'), Subtype: pdfName('XML') }), bytes);
}

function signedBase(): { doc: PdfDocument; signed: number } {
  const doc = loadCorpus(BASE);
  return { doc, signed: doc.revisions.length - 1 };
}

const XMP = `<?xpacket begin="\u00ef\u00bb\u00bf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>2026-12-03T10:00:00Z</xmp:ModifyDate></rdf:Description>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;

describe('XMP metadata written after signing', () => {
  it('finds the hostile payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(10);
  });

  it.each(payloads)('%s rewritten in place as /Root/Metadata is OTHER', (file) => {
    const { doc, signed } = signedBase();
    const updated = appendUpdate(doc, (up) => up.set(METADATA, metadataStream(new Uint8Array(readFileSync(resolve(BAD_XML, file))))));
    const r = analyzeRevisions(updated, signed);
    expect(r.modification).toBe('OTHER');
    expect(r.permitted).toBe(false);
    expect(r.changes.join('\n')).toMatch(/catalog \/Root\/Metadata \(object 2\) changed after signing: metadata stream (contains an XML markup declaration|references an XML entity|is not an XMP packet)/);
  });

  it.each(payloads)('%s added as a new /Root/Metadata object is OTHER', (file) => {
    const { doc, signed } = signedBase();
    const updated = appendUpdate(doc, (up, d) => {
      const meta = up.allocate();
      up.set(meta, metadataStream(new Uint8Array(readFileSync(resolve(BAD_XML, file)))));
      up.set(CATALOG, withEntry(d.catalog(), 'Metadata', meta));
    });
    const r = analyzeRevisions(updated, signed);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('catalog /Root/Metadata');
  });

  it('accepts a plain XMP packet refresh, as Acrobat writes when signing', () => {
    const { doc, signed } = signedBase();
    const updated = appendUpdate(doc, (up) => up.set(METADATA, metadataStream(latin1(XMP))));
    expect(analyzeRevisions(updated, signed)).toMatchObject({ modification: 'FORM_FILLING', permitted: true, changes: [] });
  });

  it('screens a compressed packet after decoding it', () => {
    const { doc, signed } = signedBase();
    const deflated = (text: string) =>
      pdfStream(pdfDict({ Type: pdfName('Metadata'), Subtype: pdfName('XML'), Filter: pdfName('FlateDecode') }), flateEncode(latin1(text)));
    const good = appendUpdate(doc, (up) => up.set(METADATA, deflated(XMP)));
    expect(analyzeRevisions(good, signed)).toMatchObject({ modification: 'FORM_FILLING', permitted: true });
    const bomb = readFileSync(resolve(BAD_XML, 'xmlbomb.xml'), 'latin1');
    const bad = appendUpdate(doc, (up) => up.set(METADATA, deflated(bomb)));
    expect(analyzeRevisions(bad, signed).changes.join('\n')).toContain('contains an XML markup declaration');
  });

  it('refuses /Metadata re-pointed at another object of the signed revision', () => {
    const { doc, signed } = signedBase();
    const updated = appendUpdate(doc, (up, d) => up.set(CATALOG, withEntry(d.catalog(), 'Metadata', pdfRef(7))));
    expect(analyzeRevisions(updated, signed).changes.join('\n')).toContain('catalog /Root/Metadata re-pointed to object 7');
  });

  it('decides without any XML parser in the diff analysis code', () => {
    const dir = resolve(import.meta.dirname, '../../src/diff');
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const f of sources) {
      const text = readFileSync(resolve(dir, f), 'utf8');
      expect(text, f).not.toMatch(/DOMParser|xmldom|fast-xml-parser|sax|libxml|from ['"][^'"]*xml[^'"]*['"]/i);
    }
  });
});
