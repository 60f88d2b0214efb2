/**
 * Diff analysis on updates built here, each appended to a real signed file (pyHanko's
 * pades-with-old-style-signing-cert-attr.pdf: one page, one invisible signature field Sig1
 * signed in revision 1).
 */
import { describe, expect, it } from 'vitest';
import {
  pdfArray,
  pdfBool,
  pdfDict,
  pdfName,
  pdfNumber,
  pdfRef,
  pdfStream,
  pdfString,
  withEntry,
  PdfDocument,
  type PdfDict,
  type PdfObject,
} from '@paraphe/pdf';
import { analyzeRevisions } from '../../src/diff/index.js';
import { appendRaw, appendRawXrefStream, appendUpdate, concat, latin1, loadCorpus } from './support.js';

const BASE = 'pyhanko/pdf/pades-with-old-style-signing-cert-attr.pdf';
const SIGNED = 1;
const PAGE = pdfRef(3);
const ACROFORM = pdfRef(6);
const CATALOG = pdfRef(1);

function dictAt(doc: PdfDocument, num: number): PdfDict {
  const o = doc.getObject(num);
  if (o?.kind !== 'dict') throw new Error(`object ${num} is not a dictionary`);
  return o;
}

function appendTo(dict: PdfDict, key: string, item: PdfObject): PdfDict {
  const cur = dict.entries.get(key);
  return withEntry(dict, key, pdfArray([...(cur?.kind === 'array' ? cur.items : []), item]));
}

function base(): PdfDocument {
  return loadCorpus(BASE);
}

/** Adds a visible FreeText comment to the page. */
function withFreeText(doc: PdfDocument): PdfDocument {
  return appendUpdate(doc, (up, d) => {
    const annot = up.allocate();
    up.set(annot, pdfDict({ Type: pdfName('Annot'), Subtype: pdfName('FreeText'), Rect: pdfArray([10, 10, 200, 60].map((n) => pdfNumber(n))), Contents: pdfString('PAID'), DA: pdfString('/Helv 12 Tf 0 g') }));
    up.set(PAGE, appendTo(dictAt(d, PAGE.num), 'Annots', annot));
  });
}

/** Adds an empty visible signature field (field and widget merged) on the page. */
function withNewSignatureField(doc: PdfDocument, value?: (up: Parameters<Parameters<typeof appendUpdate>[1]>[0]) => PdfObject): PdfDocument {
  return appendUpdate(doc, (up, d) => {
    const field = up.allocate();
    const rect = value ? [0, 0, 0, 0] : [20, 20, 220, 70];
    let dict = pdfDict({ FT: pdfName('Sig'), T: pdfString('Sig2'), Type: pdfName('Annot'), Subtype: pdfName('Widget'), F: pdfNumber(132), Rect: pdfArray(rect.map((n) => pdfNumber(n))), P: PAGE });
    if (value) dict = withEntry(dict, 'V', value(up));
    up.set(field, dict);
    up.set(ACROFORM, appendTo(dictAt(d, ACROFORM.num), 'Fields', field));
    up.set(PAGE, appendTo(dictAt(d, PAGE.num), 'Annots', field));
  });
}

describe('analyzeRevisions on built updates', () => {
  it('reports NONE for the last revision and rejects a revision that does not exist', () => {
    const doc = base();
    expect(analyzeRevisions(doc, SIGNED)).toEqual({ modification: 'NONE', changes: [], allowed: [], permitted: true });
    expect(() => analyzeRevisions(doc, 7)).toThrow(expect.objectContaining({ code: 'DIFF_BAD_REVISION' }));
  });

  it('refuses a changed page content stream and names it', () => {
    const doc = appendUpdate(base(), (up) => {
      up.set(pdfRef(4), pdfStream(pdfDict({}), latin1('BT /F1 24 Tf 20 60 Td (Pay 1 000 000 $) Tj ET')));
    });
    const r = analyzeRevisions(doc, SIGNED);
    expect(r.modification).toBe('OTHER');
    expect(r.permitted).toBe(false);
    expect(r.changes.join('\n')).toContain('object 4 (/Root/Pages/Kids[0]/Contents) changed after signing');
  });

  it('treats a FreeText overlay as ANNOTATIONS without certification and as OTHER under DocMDP P=1 and P=2', () => {
    const doc = withFreeText(base());
    const free = analyzeRevisions(doc, SIGNED);
    expect(free.modification).toBe('ANNOTATIONS');
    expect(free.permitted).toBe(true);
    expect(free.allowed.join('\n')).toContain('/FreeText annotation added');
    expect(analyzeRevisions(doc, SIGNED, { docMdp: 3 }).modification).toBe('ANNOTATIONS');
    for (const p of [1, 2] as const) {
      const r = analyzeRevisions(doc, SIGNED, { docMdp: p });
      expect(r.modification).toBe('OTHER');
      expect(r.permitted).toBe(false);
      expect(r.changes.join('\n')).toContain(`not permitted by the certification signature (DocMDP P=${p})`);
    }
  });

  it('treats changing or removing an existing comment as ANNOTATIONS', () => {
    const commented = withFreeText(base());
    const signed = commented.revisions.length - 1;
    const annots = dictAt(commented, PAGE.num).entries.get('Annots');
    if (annots?.kind !== 'array') throw new Error('page /Annots expected');
    const note = annots.items[1]!;
    if (note.kind !== 'ref') throw new Error('indirect annotation expected');
    const edited = appendUpdate(commented, (up, d) => up.set(note, withEntry(dictAt(d, note.num), 'Contents', pdfString('UNPAID'))));
    const r1 = analyzeRevisions(edited, signed);
    expect(r1).toMatchObject({ modification: 'ANNOTATIONS', permitted: true });
    expect(r1.allowed.join('\n')).toContain('page 1: /FreeText annotation changed');
    const removed = appendUpdate(commented, (up, d) => up.set(PAGE, withEntry(dictAt(d, PAGE.num), 'Annots', pdfArray([annots.items[0]!]))));
    const r2 = analyzeRevisions(removed, signed);
    expect(r2).toMatchObject({ modification: 'ANNOTATIONS', permitted: true });
    expect(r2.allowed.join('\n')).toContain('page 1: /FreeText annotation removed');
    expect(analyzeRevisions(removed, signed, { docMdp: 2 }).modification).toBe('OTHER');
  });

  it('refuses new annotations and signature fields that carry JavaScript, but accepts a URI link', () => {
    const js = pdfDict({ S: pdfName('JavaScript'), JS: pdfString('this.getField("Sig1").display = display.hidden;') });
    const withAction = (annot: PdfDict) =>
      appendUpdate(base(), (up, d) => {
        const ref = up.allocate();
        up.set(ref, annot);
        up.set(PAGE, appendTo(dictAt(d, PAGE.num), 'Annots', ref));
      });
    const rect = pdfArray([10, 10, 60, 30].map((n) => pdfNumber(n)));
    const link = withAction(pdfDict({ Type: pdfName('Annot'), Subtype: pdfName('Link'), Rect: rect, A: pdfDict({ S: pdfName('URI'), URI: pdfString('https://example.org') }) }));
    expect(analyzeRevisions(link, SIGNED)).toMatchObject({ modification: 'ANNOTATIONS', permitted: true });
    const script = withAction(pdfDict({ Type: pdfName('Annot'), Subtype: pdfName('Link'), Rect: rect, A: js }));
    expect(analyzeRevisions(script, SIGNED).changes.join('\n')).toMatch(/page 1: \/Link annotation \d+ added after signing with an action of type \/JavaScript/);
    const field = appendUpdate(base(), (up, d) => {
      const f = up.allocate();
      up.set(f, pdfDict({ FT: pdfName('Sig'), T: pdfString('Sig2'), Type: pdfName('Annot'), Subtype: pdfName('Widget'), Rect: rect, P: PAGE, AA: pdfDict({ PO: js }) }));
      up.set(ACROFORM, appendTo(dictAt(d, ACROFORM.num), 'Fields', f));
      up.set(PAGE, appendTo(dictAt(d, PAGE.num), 'Annots', f));
    });
    expect(analyzeRevisions(field, SIGNED).changes.join('\n')).toContain('signature field "Sig2" added after signing with additional actions (/AA)');
  });

  it('refuses turning /NeedAppearances on after signing', () => {
    const doc = appendUpdate(base(), (up, d) => up.set(ACROFORM, withEntry(dictAt(d, ACROFORM.num), 'NeedAppearances', pdfBool(true))));
    expect(analyzeRevisions(doc, SIGNED).changes.join('\n')).toContain('/Root/AcroForm/NeedAppearances turned on after signing');
  });

  it('allows a new signature field with its widget at FORM_FILLING, but not under DocMDP P=1', () => {
    const doc = withNewSignatureField(base());
    const r = analyzeRevisions(doc, SIGNED);
    expect(r).toMatchObject({ modification: 'FORM_FILLING', permitted: true, changes: [] });
    expect(analyzeRevisions(doc, SIGNED, { docMdp: 2 }).modification).toBe('FORM_FILLING');
    expect(analyzeRevisions(doc, SIGNED, { docMdp: 1 }).modification).toBe('OTHER');
  });

  it('allows an invisible document timestamp at LTA_UPDATES', () => {
    const doc = withNewSignatureField(base(), (up) => {
      const ts = up.allocate();
      up.set(ts, pdfDict({ Type: pdfName('DocTimeStamp'), Filter: pdfName('Adobe.PPKLite'), SubFilter: pdfName('ETSI.RFC3161'), Contents: pdfString(new Uint8Array(16), true) }));
      return ts;
    });
    expect(analyzeRevisions(doc, SIGNED, { docMdp: 1 })).toMatchObject({ modification: 'LTA_UPDATES', permitted: true });
  });

  it('allows a DSS-only update at LTA_UPDATES, also under DocMDP P=1', () => {
    const doc = appendUpdate(base(), (up, d) => {
      const cert = up.allocate();
      const ocsp = up.allocate();
      up.set(cert, pdfStream(pdfDict({}), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])));
      up.set(ocsp, pdfStream(pdfDict({}), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02])));
      const vri = pdfDict({ ['0123456789ABCDEF0123456789ABCDEF01234567']: pdfDict({ Cert: pdfArray([cert]) }) });
      up.set(CATALOG, withEntry(dictAt(d, 1), 'DSS', pdfDict({ Type: pdfName('DSS'), Certs: pdfArray([cert]), OCSPs: pdfArray([ocsp]), VRI: vri })));
    });
    const r = analyzeRevisions(doc, SIGNED, { docMdp: 1 });
    expect(r).toMatchObject({ modification: 'LTA_UPDATES', permitted: true, changes: [] });
    expect(r.allowed.join('\n')).toContain('document security store (DSS) updated');
  });

  it('refuses a DSS that smuggles other entries', () => {
    const doc = appendUpdate(base(), (up, d) => {
      up.set(CATALOG, withEntry(dictAt(d, 1), 'DSS', pdfDict({ Certs: pdfArray([]), JS: pdfString('app.alert(1)') })));
    });
    const r = analyzeRevisions(doc, SIGNED);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('/Root/DSS holds unexpected entries: /JS');
  });

  it('refuses a rewritten signature value of the signed field', () => {
    const doc = appendUpdate(base(), (up, d) => {
      const sig = dictAt(d, 8);
      up.set(pdfRef(8), withEntry(sig, 'Reason', pdfString('I agree to pay double')));
    });
    const r = analyzeRevisions(doc, SIGNED);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toMatch(/object 8 \(\/Root\/AcroForm\/Fields\[0\]\/V\) changed after signing: \/Reason differ/);
  });

  it('refuses new catalog entries such as /OpenAction', () => {
    const doc = appendUpdate(base(), (up, d) => {
      up.set(CATALOG, withEntry(dictAt(d, 1), 'OpenAction', pdfDict({ S: pdfName('JavaScript'), JS: pdfString('app.alert(1)') })));
    });
    expect(analyzeRevisions(doc, SIGNED).changes.join('\n')).toContain('catalog entry /Root/OpenAction added after signing');
  });

  it('refuses an added page and a removed widget', () => {
    const added = appendUpdate(base(), (up, d) => {
      const page = up.allocate();
      up.set(page, pdfDict({ Type: pdfName('Page'), Parent: pdfRef(2), Contents: pdfRef(4) }));
      up.set(pdfRef(2), withEntry(withEntry(dictAt(d, 2), 'Kids', pdfArray([PAGE, page])), 'Count', pdfNumber(2)));
    });
    expect(analyzeRevisions(added, SIGNED).changes.join('\n')).toContain('page tree changed after signing');
    const removed = appendUpdate(base(), (up, d) => {
      up.set(PAGE, withEntry(dictAt(d, 3), 'Annots', pdfArray([])));
    });
    expect(analyzeRevisions(removed, SIGNED).changes.join('\n')).toContain('page 1: widget annotation 7 removed after signing');
  });

  it('refuses freeing an object that the signed revision uses', () => {
    const { doc } = appendRaw(base(), [], () => [[4, 'free']]);
    const r = analyzeRevisions(doc, SIGNED);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('object 4 (/Root/Pages/Kids[0]/Contents) was deleted (freed) in revision 2 after signing');
  });

  it('lists at most 50 reasons per revision, then counts the rest', () => {
    const doc = appendUpdate(base(), (up) => {
      // Rewrite the page content and hang 60 new objects off the page tree root.
      up.set(pdfRef(4), pdfStream(pdfDict({}), latin1('BT ET')));
      for (let i = 0; i < 60; i++) up.set(pdfRef(100 + i), pdfDict({ N: pdfNumber(i) }));
      up.set(pdfRef(2), pdfDict({ Type: pdfName('Pages'), Kids: pdfArray([PAGE]), Count: pdfNumber(1), Junk: pdfArray(Array.from({ length: 60 }, (_, i) => pdfRef(100 + i))) }));
    });
    const r = analyzeRevisions(doc, SIGNED);
    expect(r.changes).toHaveLength(51);
    expect(r.changes[50]).toMatch(/^revision 2: … and \d+ more disallowed change\(s\)$/);
  });

  it('ignores new objects that nothing refers to', () => {
    const doc = appendUpdate(base(), (up) => {
      up.set(up.allocate(), pdfDict({ Junk: pdfNumber(1) }));
    });
    const r = analyzeRevisions(doc, SIGNED);
    expect(r).toMatchObject({ modification: 'LTA_UPDATES', permitted: true });
    expect(r.allowed.join('\n')).toContain('1 unreferenced new object(s) ignored');
  });
});

describe('shadow attacks', () => {
  const evil = 'BT /F1 24 Tf 20 60 Td (Pay 1 000 000 $) Tj ET';
  const hiddenContents = `4 0 obj\n<< /Length ${evil.length} >>\nstream\n${evil}\nendstream\nendobj\n`;

  it('flags an update whose xref entry activates an object hidden in the signed bytes (hide)', () => {
    // Revision 2 ("signed") carries a hidden object 4 that its own xref does not list;
    // revision 3 only re-points the xref entry of object 4 at those signed bytes.
    const signed = appendRaw(base(), [[9, '<< /Producer (editor) >>']], undefined, hiddenContents);
    const attacked = appendRaw(signed.doc, [], () => [[4, signed.hiddenAt]]);
    const r = analyzeRevisions(attacked.doc, 2);
    expect(r.modification).toBe('OTHER');
    const text = r.changes.join('\n');
    expect(text).toContain(`object 4 (/Root/Pages/Kids[0]/Contents): revision 3 points its xref entry at byte ${signed.hiddenAt}, inside an earlier revision`);
    expect(text).toContain('shadow attack');
  });

  it('flags an xref entry that lands on the header of another object', () => {
    const r1 = appendRaw(base(), [[4, `<< /Length ${evil.length} >>\nstream\n${evil}\nendstream`], [9, '<< >>']], (w) => [[4, w.get(9)!]]);
    const r = analyzeRevisions(r1.doc, SIGNED);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('where object 9 0 begins');
  });

  it('flags an update whose /Prev re-routes the chain to a cross-reference section hidden in the signed bytes', () => {
    // Signed revision: a hidden object 4 and a hidden xref section listing it, then the genuine
    // section (which the signed file's startxref names). The attack only appends a section whose
    // /Prev is the hidden one, so the signed revision suddenly reads differently.
    const doc = base();
    const prev = doc.revisions[doc.revisions.length - 1]!.xrefOffset;
    const start = doc.bytes.length;
    let text = hiddenContents;
    const hiddenXref = start + text.length;
    text += `xref\n4 1\n${String(start).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size 9 /Root 1 0 R /Prev ${prev} >>\n`;
    const genuineObj = start + text.length;
    text += '9 0 obj\n<< /Producer (editor) >>\nendobj\n';
    const genuineXref = start + text.length;
    text += `xref\n9 1\n${String(genuineObj).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size 10 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${genuineXref}\n%%EOF\n`;
    const signedEnd = start + text.length;
    text += `xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 10 /Root 1 0 R /Prev ${hiddenXref} >>\nstartxref\n${signedEnd}\n%%EOF\n`;
    const attacked = PdfDocument.load(concat(doc.bytes, text));
    const signedRev = attacked.revisions.findIndex((r) => r.endOffset === signedEnd);
    expect(signedRev).toBe(2);
    const r = analyzeRevisions(attacked, signedRev);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain(`revision 2 ends with startxref ${genuineXref}, but the cross-reference chain of the file reaches it through the section at byte ${hiddenXref}`);
  });

  it('flags a hide-and-replace update that swaps in a whole new catalog and page tree', () => {
    const evilPage = `<< /Type /Page /Parent 21 0 R /MediaBox [0 0 300 144] /Contents 23 0 R >>`;
    const { doc } = appendRaw(
      base(),
      [
        [20, '<< /Type /Catalog /Pages 21 0 R /AcroForm 6 0 R >>'],
        [21, '<< /Type /Pages /Kids [22 0 R] /Count 1 >>'],
        [22, evilPage],
        [23, `<< /Length ${evil.length} >>\nstream\n${evil}\nendstream`],
      ],
      undefined,
      '',
      '20 0 R',
    );
    const r = analyzeRevisions(doc, SIGNED);
    expect(r.modification).toBe('OTHER');
    const text = r.changes.join('\n');
    expect(text).toContain('catalog entry /Root/Pages changed after signing');
    expect(text).toContain('page tree changed after signing');
  });

  it('accepts an xref row that merely repeats where an unchanged object already was', () => {
    const doc = base();
    const row = doc.revisions[0]!.entries.get(2);
    if (row?.type !== 'offset') throw new Error('object 2 expected in revision 0');
    const { doc: redeclared } = appendRaw(doc, [], () => [[2, row.offset!]]);
    expect(analyzeRevisions(redeclared, SIGNED)).toMatchObject({ permitted: true, changes: [] });
  });

  it('flags a compressed entry that re-uses an object stream of an earlier revision', () => {
    // Acrobat file: objects 20..24 live in object stream 16 of revision 0; object 22 is at index 2.
    const doc = loadCorpus('pyhanko/pdf/minimal-two-fields-signed-twice.pdf');
    const signed = doc.revisions.length - 1;
    const moved = appendRawXrefStream(doc, [[22, 2, 16, 3]]);
    const r = analyzeRevisions(moved, signed);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('declares it inside object stream 16, which that revision did not write');
    const same = appendRawXrefStream(doc, [[22, 2, 16, 2]]);
    expect(analyzeRevisions(same, signed)).toMatchObject({ permitted: true, changes: [] });
  });
});
