/**
 * Puts a signature dictionary into the form: fills an existing empty signature field, or
 * creates a field/widget (invisible, or visible with a drawn appearance), adds it to the page's
 * /Annots and to /AcroForm /Fields, and sets /SigFlags.
 */
import {
  pdfArray, pdfDict, pdfName, pdfNumber, withEntry,
  type IncrementalUpdate, type PdfDocument, type PdfObject, type PdfRef,
} from '@paraphe/pdf';
import { appearanceConstraintsFor, buildSignatureAppearance } from '../appearance/index.js';
import type { CatalogDraft } from './catalog-draft.js';
import { asArray, asDict, asNumber, asRef } from './document-access.js';
import { listFields, uniqueFieldName } from './form-fields.js';
import { pdfTextString } from './pdf-text.js';
import { SignError } from './sign-error.js';

/** Print + Locked: printed (PDF/A requires it), never hidden, not movable. */
const WIDGET_FLAGS = 132;
const SIG_FLAGS = 3; // SignaturesExist | AppendOnly

export interface FieldPlacement {
  readonly sigRef: PdfRef;
  /** Requested name; a new field with a unique `${baseName}N` name otherwise. */
  readonly fieldName?: string;
  readonly baseName: string;
  readonly visible?: { page: number; x: number; y: number; width: number; height: number; image?: Uint8Array; locale?: 'fr' | 'en' };
  /** Appearance text for visible widgets. */
  readonly lines: () => readonly string[];
}

export function attachSignatureField(doc: PdfDocument, update: IncrementalUpdate, catalog: CatalogDraft, p: FieldPlacement): string {
  if (p.fieldName !== undefined) {
    const existing = listFields(doc).find((f) => f.name === p.fieldName);
    if (existing) {
      fillExistingField(doc, update, existing, p);
      ensureSigFlags(doc, update, catalog, undefined);
      return existing.name;
    }
  }
  if (p.fieldName !== undefined && (p.fieldName === '' || p.fieldName.includes('.'))) {
    // A new field is created at the top level, and partial names cannot contain periods (ISO 32000-1 §12.7.3.2).
    throw new SignError('SIGN_BAD_OPTIONS', `no field "${p.fieldName}" exists and a new field cannot be named so`);
  }
  const name = p.fieldName ?? uniqueFieldName(doc, p.baseName);
  const pages = doc.pages();
  const pageIndex = p.visible ? p.visible.page - 1 : 0;
  const page = pages[pageIndex];
  if (!page) throw new SignError('SIGN_BAD_OPTIONS', `page ${pageIndex + 1} does not exist (the document has ${pages.length})`);

  const widgetRef = update.allocate();
  const rect = p.visible
    ? [p.visible.x, p.visible.y, p.visible.x + p.visible.width, p.visible.y + p.visible.height]
    : [0, 0, 0, 0];
  const entries: [string, PdfObject][] = [
    ['Type', pdfName('Annot')],
    ['Subtype', pdfName('Widget')],
    ['FT', pdfName('Sig')],
    ['T', pdfTextString(name)],
    ['V', p.sigRef],
    ['F', pdfNumber(WIDGET_FLAGS)],
    ['Rect', pdfArray(rect.map((n) => pdfNumber(n)))],
    ['P', page.ref],
  ];
  if (p.visible) {
    const constraints = appearanceConstraintsFor(doc, pageIndex);
    const ap = buildSignatureAppearance(update, {
      ...constraints,
      width: p.visible.width,
      height: p.visible.height,
      lines: p.lines(),
      ...(p.visible.image ? { image: p.visible.image } : {}),
      ...(p.visible.locale ? { locale: p.visible.locale } : {}),
    });
    entries.push(['AP', pdfDict({ N: ap })]);
    // Viewers that regenerate or lay out the widget read its rotation from /MK /R (ISO 32000-1 §12.5.6.19).
    if (constraints.rotation !== 0) entries.push(['MK', pdfDict({ R: pdfNumber(constraints.rotation) })]);
  }
  update.set(widgetRef, pdfDict(entries));
  addToPageAnnots(doc, update, page.ref, page.dict, widgetRef);
  ensureSigFlags(doc, update, catalog, widgetRef);
  return name;
}

function fillExistingField(
  doc: PdfDocument,
  update: IncrementalUpdate,
  field: ReturnType<typeof listFields>[number],
  p: FieldPlacement,
): void {
  if (field.type !== 'Sig') throw new SignError('SIGN_FIELD_NOT_FOUND', `field "${field.name}" is not a signature field`);
  if (field.value) throw new SignError('SIGN_FIELD_ALREADY_SIGNED', `signature field "${field.name}" is already signed`);
  if (!field.ref) throw new SignError('SIGN_FIELD_NOT_FOUND', `signature field "${field.name}" is not an indirect object`);
  let dict = withEntry(field.dict, 'V', p.sigRef);
  // A prepared field whose widget has a real rectangle gets a drawn appearance of that size.
  const rect = asArray(doc, dict.entries.get('Rect'))?.items.map((i) => asNumber(doc, i) ?? 0);
  if (rect && rect.length === 4 && dict.entries.has('Subtype')) {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect;
    const width = Math.abs(x2 - x1);
    const height = Math.abs(y2 - y1);
    if (width > 0 && height > 0) {
      const constraints = appearanceConstraintsFor(doc, widgetPageIndex(doc, dict, field.ref));
      const ap = buildSignatureAppearance(update, {
        ...constraints,
        width,
        height,
        lines: p.lines(),
        ...(p.visible?.image ? { image: p.visible.image } : {}),
        ...(p.visible?.locale ? { locale: p.visible.locale } : {}),
      });
      dict = withEntry(dict, 'AP', pdfDict({ N: ap }));
      if (constraints.rotation !== 0) {
        const mk = asDict(doc, dict.entries.get('MK')) ?? pdfDict({});
        dict = withEntry(dict, 'MK', withEntry(mk, 'R', pdfNumber(constraints.rotation)));
      }
    }
  }
  update.set(field.ref, dict);
}

/** The page holding a widget: its /P, else the page whose /Annots lists it, else the first. */
function widgetPageIndex(doc: PdfDocument, widget: ReturnType<PdfDocument['pages']>[number]['dict'], ref: PdfRef): number {
  const pages = doc.pages();
  const p = asRef(widget.entries.get('P'));
  const byP = p ? pages.findIndex((pg) => pg.ref.num === p.num) : -1;
  if (byP >= 0) return byP;
  const byAnnots = pages.findIndex((pg) => (asArray(doc, pg.dict.entries.get('Annots'))?.items ?? []).some((a) => asRef(a)?.num === ref.num));
  return Math.max(0, byAnnots);
}

function addToPageAnnots(doc: PdfDocument, update: IncrementalUpdate, pageRef: PdfRef, pageDict: ReturnType<PdfDocument['pages']>[number]['dict'], widgetRef: PdfRef): void {
  const annots = pageDict.entries.get('Annots');
  const annotsRef = asRef(annots);
  const current = asArray(doc, annots)?.items ?? [];
  const next = pdfArray([...current, widgetRef]);
  if (annotsRef && asArray(doc, annotsRef)) update.set(annotsRef, next); // shared indirect array: replace the array object
  else update.set(pageRef, withEntry(pageDict, 'Annots', next));
}

/** Adds `widgetRef` (if any) to /AcroForm /Fields and sets /SigFlags 3, creating the AcroForm if needed. */
function ensureSigFlags(doc: PdfDocument, update: IncrementalUpdate, catalog: CatalogDraft, widgetRef: PdfRef | undefined): void {
  const acroObj = catalog.current.entries.get('AcroForm');
  const acroRef = asRef(acroObj);
  let acro = asDict(doc, acroObj) ?? pdfDict({});
  let acroChanged = acroObj === undefined;
  if (widgetRef) {
    const fieldsObj = acro.entries.get('Fields');
    const fieldsRef = asRef(fieldsObj);
    const fields = pdfArray([...(asArray(doc, fieldsObj)?.items ?? []), widgetRef]);
    if (fieldsRef && asArray(doc, fieldsRef)) update.set(fieldsRef, fields);
    else {
      acro = withEntry(acro, 'Fields', fields);
      acroChanged = true;
    }
  }
  const flags = asNumber(doc, acro.entries.get('SigFlags')) ?? 0;
  if ((flags & SIG_FLAGS) !== SIG_FLAGS) {
    acro = withEntry(acro, 'SigFlags', pdfNumber(flags | SIG_FLAGS));
    acroChanged = true;
  }
  if (!acroChanged) return;
  if (acroRef) update.set(acroRef, acro);
  else if (acroObj === undefined) {
    const ref = update.allocate();
    update.set(ref, acro);
    catalog.set('AcroForm', ref);
  } else catalog.set('AcroForm', acro);
}
