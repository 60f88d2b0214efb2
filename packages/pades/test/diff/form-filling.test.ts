/**
 * Form filling after signing: values of unlocked fields may change with their appearances;
 * FieldMDP locks, appearance-only changes, geometry changes, new non-signature fields and
 * deleted fields are refused. The "signed" revision here is one that adds a text field to a
 * real signed file.
 */
import { describe, expect, it } from 'vitest';
import { pdfArray, pdfDict, pdfName, pdfNumber, pdfRef, pdfStream, pdfString, withEntry, type PdfDict, type PdfDocument, type PdfObject, type PdfRef } from '@paraphe/pdf';
import { analyzeRevisions, signatureFieldsOf } from '../../src/diff/index.js';
import { appendUpdate, latin1, loadCorpus } from './support.js';

const PAGE = pdfRef(3);
const ACROFORM = pdfRef(6);

function dictAt(doc: PdfDocument, num: number): PdfDict {
  const o = doc.getObject(num);
  if (o?.kind !== 'dict') throw new Error(`object ${num} is not a dictionary`);
  return o;
}

function appendTo(dict: PdfDict, key: string, item: PdfObject): PdfDict {
  const cur = dict.entries.get(key);
  return withEntry(dict, key, pdfArray([...(cur?.kind === 'array' ? cur.items : []), item]));
}

function appearance(text: string) {
  return pdfStream(pdfDict({ Type: pdfName('XObject'), Subtype: pdfName('Form'), BBox: pdfArray([0, 0, 200, 30].map((n) => pdfNumber(n))) }), latin1(`BT /Helv 12 Tf 2 10 Td (${text}) Tj ET`));
}

interface Fixture {
  readonly doc: PdfDocument;
  readonly signed: number;
  readonly field: PdfRef;
  readonly ap: PdfRef;
}

/**
 * Adds text field "Name" = (Alice) with its appearance; when `sharedAp`, the page also draws
 * that stream; `extraRef` adds a catalog entry pointing at the field (a structure-tree OBJR, or
 * an arbitrary key).
 */
function withTextField(sharedAp = false, extraRef?: 'objr' | 'other'): Fixture {
  let field = pdfRef(0);
  let ap = pdfRef(0);
  const doc = appendUpdate(loadCorpus('pyhanko/pdf/pades-with-old-style-signing-cert-attr.pdf'), (up, d) => {
    field = up.allocate();
    ap = up.allocate();
    up.set(ap, appearance('Alice'));
    up.set(field, pdfDict({ FT: pdfName('Tx'), T: pdfString('Name'), V: pdfString('Alice'), Type: pdfName('Annot'), Subtype: pdfName('Widget'), Rect: pdfArray([20, 80, 220, 110].map((n) => pdfNumber(n))), P: PAGE, AP: pdfDict({ N: ap }) }));
    up.set(ACROFORM, appendTo(dictAt(d, ACROFORM.num), 'Fields', field));
    let page = appendTo(dictAt(d, PAGE.num), 'Annots', field);
    if (sharedAp) page = withEntry(page, 'Resources', pdfDict({ XObject: pdfDict({ Fx: ap }) }));
    up.set(PAGE, page);
    if (extraRef === 'objr') {
      const elem = pdfDict({ S: pdfName('Form'), K: pdfArray([pdfDict({ Type: pdfName('OBJR'), Obj: field, Pg: PAGE })]) });
      up.set(pdfRef(1), withEntry(d.catalog(), 'StructTreeRoot', pdfDict({ Type: pdfName('StructTreeRoot'), K: pdfArray([elem]) })));
    } else if (extraRef === 'other') {
      up.set(pdfRef(1), withEntry(d.catalog(), 'Elsewhere', field));
    }
  });
  return { doc, signed: doc.revisions.length - 1, field, ap };
}

function fill(f: Fixture, value: string, inPlace = false): PdfDocument {
  return appendUpdate(f.doc, (up, d) => {
    let apRef = f.ap;
    if (inPlace) up.set(f.ap, appearance(value));
    else {
      apRef = up.allocate();
      up.set(apRef, appearance(value));
    }
    up.set(f.field, withEntry(withEntry(dictAt(d, f.field.num), 'V', pdfString(value)), 'AP', pdfDict({ N: apRef })));
  });
}

describe('form filling after signing', () => {
  it('allows a new value with a new appearance at FORM_FILLING', () => {
    const f = withTextField();
    const r = analyzeRevisions(fill(f, 'Bob'), f.signed);
    expect(r).toMatchObject({ modification: 'FORM_FILLING', permitted: true, changes: [] });
    expect(r.allowed.join('\n')).toContain('form field "Name" filled in');
  });

  it('allows an appearance stream rewritten in place when only this field draws it', () => {
    const f = withTextField();
    expect(analyzeRevisions(fill(f, 'Bob', true), f.signed)).toMatchObject({ modification: 'FORM_FILLING', permitted: true });
  });

  it('refuses an in-place appearance rewrite when the page also draws that stream', () => {
    const f = withTextField(true);
    const r = analyzeRevisions(fill(f, 'Bob', true), f.signed);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('but the signed revision also uses it at /Root/Pages/Kids[0]/Resources/XObject/Fx');
  });

  it('allows filling a field that a tagged structure tree references (OBJR), not one referenced elsewhere', () => {
    const tagged = withTextField(false, 'objr');
    expect(analyzeRevisions(fill(tagged, 'Bob'), tagged.signed)).toMatchObject({ modification: 'FORM_FILLING', permitted: true });
    const other = withTextField(false, 'other');
    const r = analyzeRevisions(fill(other, 'Bob'), other.signed);
    expect(r.modification).toBe('OTHER');
    expect(r.changes.join('\n')).toContain('but the signed revision also uses it at /Root/Elsewhere');
  });

  it('honours FieldMDP locks', () => {
    const f = withTextField();
    const doc = fill(f, 'Bob');
    for (const [fieldMdp, locked] of [
      [{ action: 'All' }, true],
      [{ action: 'Include', fields: ['Name'] }, true],
      [{ action: 'Include', fields: ['Other'] }, false],
      [{ action: 'Exclude', fields: ['Name'] }, false],
      [{ action: 'Exclude', fields: ['Other'] }, true],
    ] as const) {
      const r = analyzeRevisions(doc, f.signed, { fieldMdp });
      expect(r.permitted, JSON.stringify(fieldMdp)).toBe(!locked);
      if (locked) expect(r.changes.join('\n')).toContain('form field "Name" is locked by the signature (FieldMDP)');
    }
  });

  it('refuses a new appearance for an unchanged value (shadow "replace")', () => {
    const f = withTextField();
    const doc = appendUpdate(f.doc, (up, d) => {
      const apRef = up.allocate();
      up.set(apRef, appearance('Mallory'));
      up.set(f.field, withEntry(dictAt(d, f.field.num), 'AP', pdfDict({ N: apRef })));
    });
    const r = analyzeRevisions(doc, f.signed);
    expect(r.modification).toBe('OTHER');
    expect(r.changes).toEqual([`revision ${f.signed + 1}: form field "Name": appearance replaced after signing although its value did not change`]);
  });

  it('refuses a new value for a read-only field', () => {
    const f = withTextField();
    const readOnly = appendUpdate(f.doc, (up, d) => up.set(f.field, withEntry(dictAt(d, f.field.num), 'Ff', pdfNumber(1))));
    const signed = readOnly.revisions.length - 1;
    const r = analyzeRevisions(fill({ ...f, doc: readOnly, signed }, 'Bob'), signed);
    expect(r.changes.join('\n')).toContain('form field "Name" is read-only (/Ff bit 1) but its value changed after signing');
  });

  it('refuses a moved widget, a new text field and a deleted field', () => {
    const f = withTextField();
    const moved = appendUpdate(f.doc, (up, d) => {
      up.set(f.field, withEntry(withEntry(dictAt(d, f.field.num), 'V', pdfString('Bob')), 'Rect', pdfArray([0, 0, 300, 144].map((n) => pdfNumber(n)))));
    });
    expect(analyzeRevisions(moved, f.signed).changes.join('\n')).toMatch(/object \d+ \(\/Root\/AcroForm\/Fields\[1\]\) changed after signing: .*\/Rect/);
    const added = appendUpdate(f.doc, (up, d) => {
      const other = up.allocate();
      up.set(other, pdfDict({ FT: pdfName('Tx'), T: pdfString('Amount'), V: pdfString('1000') }));
      up.set(ACROFORM, appendTo(dictAt(d, ACROFORM.num), 'Fields', other));
    });
    expect(analyzeRevisions(added, f.signed).changes.join('\n')).toContain('form field "Amount" (type /Tx) added after signing: only signature fields may be added');
    const deleted = appendUpdate(f.doc, (up, d) => {
      up.set(ACROFORM, withEntry(dictAt(d, ACROFORM.num), 'Fields', pdfArray([pdfRef(7)])));
    });
    expect(analyzeRevisions(deleted, f.signed).changes.join('\n')).toContain('form field "Name" deleted after signing');
  });
});

describe('signatureFieldsOf', () => {
  it('lists name, value, widgets and page of each signature field', () => {
    const f = withTextField();
    expect(signatureFieldsOf(f.doc)).toEqual([{ name: 'Sig1', ref: pdfRef(7), value: pdfRef(8), widgets: [pdfRef(7)], page: 0 }]);
    expect(signatureFieldsOf(f.doc, 0)).toEqual([]);
  });
});
