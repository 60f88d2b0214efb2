/**
 * Diff analysis against the public corpus (pyHanko and EU DSS test files): every manifest
 * entry whose stated verdict is about changes after signing, checked per signature at the
 * revision its /ByteRange ends with. Files whose verdict is "valid" must show only permitted
 * changes for every signature.
 */
import { describe, expect, it } from 'vitest';
import { analyzeRevisions, docMdpOf, DiffError, signatureFieldsOf, type ModificationLevel } from '../../src/diff/index.js';
import { pdfName, withEntry } from '@paraphe/pdf';
import { appendUpdate, loadCorpus, manifest, signedRevisions, type ManifestEntry } from './support.js';

interface Expectation {
  /** Which signature: the first one in revision order, or all of them. */
  readonly which: 'first' | 'all';
  readonly level?: ModificationLevel;
  readonly permitted: boolean;
  /** Text that must appear in the reasons (names the clobbered path, the changed key…). */
  readonly mention?: string;
}

const firstLevel = (level: ModificationLevel, mention?: string): Expectation => ({ which: 'first', level, permitted: level !== 'OTHER', mention });
const allPermitted: Expectation = { which: 'all', permitted: true };

/** Verdicts stated by the origin's tests (see MANIFEST.md "why"), translated to our levels. */
const EXPECTED: Record<string, Expectation> = {
  'pyhanko/pdf/form-update-override-appearance-stream.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/form-update-override-appearance-stream-ap-indirect.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/form-update-no-override-appearance-stream-ap-indirect.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/form-update-original-ap-type-wrong.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/form-update-override-appearance-stream-sneaky.pdf': firstLevel('OTHER', 'FooBar'),
  'pyhanko/pdf/form-update-override-appearance-stream-ap-indirect-sneaky.pdf': firstLevel('OTHER', 'FooBar'),
  'pyhanko/pdf/form-update-no-override-appearance-stream-ap-indirect-sneaky.pdf': firstLevel('OTHER', 'FooBar'),
  'pyhanko/pdf/form-update-ap-indirect-sneaky-trailer.pdf': firstLevel('OTHER', 'FooBar'),
  'pyhanko/pdf/extensions-direct.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/extensions-indirect.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/extensions-update-direct.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/extensions-update-indirect.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/extensions-indirect-not-all-paths.pdf': firstLevel('OTHER', 'DontOverrideMe'),
  'pyhanko/pdf/minimal-two-fields-signed-twice.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/minimal-signed-twice-second-created.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/minimal-signed-twice-both-created.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/minimal-signed-twice-no-sig-type.pdf': firstLevel('FORM_FILLING'),
  'pyhanko/pdf/pades-lta-dss-indirect-arrs-test.pdf': allPermitted,
  'pyhanko/pdf/pades-lta-dss-indirect-arrs-test-2.pdf': allPermitted,
  'dss/pdf-signed-added-page.pdf': firstLevel('OTHER', 'page tree changed'),
  'dss/pdf-removed-pages.pdf': firstLevel('OTHER', 'page tree changed'),
  'dss/pades-signed-annot-added.pdf': firstLevel('ANNOTATIONS'),
  'dss/pdf-spoofing-attack.pdf': firstLevel('OTHER'),
  'dss/pades-spoofing-replaced-reason.pdf': firstLevel('OTHER', '/Reason'),
  'dss/dss-2236/hide.pdf': firstLevel('OTHER', 'shadow attack'),
  'dss/dss-2236/replace.pdf': firstLevel('OTHER', 'appearance replaced'),
  'dss/dss-2236/annotation-and-visible-change.pdf': firstLevel('OTHER'),
};

function expectationFor(e: ManifestEntry): Expectation | undefined {
  return EXPECTED[e.dest] ?? (/^valid/.test(e.expect) ? allPermitted : undefined);
}

const entries = manifest().filter((e) => /^(pyhanko\/pdf|dss)\//.test(e.dest) && e.dest.endsWith('.pdf') && expectationFor(e));

describe('diff analysis on the corpus', () => {
  it('covers every explicitly expected entry', () => {
    const dests = new Set(entries.map((e) => e.dest));
    for (const dest of Object.keys(EXPECTED)) expect(dests.has(dest), dest).toBe(true);
  });

  it.each(entries.map((e) => [e.dest, e] as const))('%s', (_dest, entry) => {
    const want = expectationFor(entry)!;
    const doc = loadCorpus(entry.dest);
    const sigs = signedRevisions(doc).filter((s) => s.revision !== null);
    const docMdp = docMdpOf(doc)?.permission;
    const checked = want.which === 'first' ? sigs.slice(0, 1) : sigs;
    if (want.which === 'first') expect(checked.length, 'a signature whose revision is known').toBe(1);
    for (const s of checked) {
      const r = analyzeRevisions(doc, s.revision!, { docMdp, signatureField: s.field });
      const context = `${s.field} @ revision ${s.revision}: ${r.modification}\n${r.changes.join('\n')}`;
      expect(r.permitted, context).toBe(want.permitted);
      expect(r.changes.length === 0, context).toBe(want.permitted);
      if (want.level) expect(r.modification, context).toBe(want.level);
      if (want.mention) expect(r.changes.join('\n'), context).toContain(want.mention);
    }
  });
});

describe('hostile structures end cleanly', () => {
  it('reports a circular form tree as DIFF_CIRCULAR', () => {
    for (const dest of ['pyhanko/pdf/form-tree-circular-ref-input.pdf', 'dss/pades_opposite_infinite_loop.pdf']) {
      const doc = loadCorpus(dest);
      expect(() => signatureFieldsOf(doc), dest).toThrow(DiffError);
      expect(() => signatureFieldsOf(doc), dest).toThrow(/Circular reference in form tree/);
    }
  });

  it.each([
    ['pyhanko/pdf/circular-page-tree.pdf', /DIFF_CIRCULAR: Circular reference in page tree/],
    ['pyhanko/pdf/form-tree-circular-ref-input.pdf', /DIFF_CIRCULAR: Circular reference in form tree/],
    ['pyhanko/pdf/struct-tree-circular-ref.pdf', null],
  ] as const)('analyses an update appended to %s without hanging', (dest, reason) => {
    const signed = loadCorpus(dest);
    // A harmless catalog update (/Version) makes the analysis walk both revisions' structures.
    const doc = appendUpdate(signed, (up, d) => {
      const root = d.trailer().entries.get('Root');
      if (root?.kind !== 'ref') throw new Error(`${dest}: indirect /Root expected`);
      up.set(root, withEntry(d.catalog(), 'Version', pdfName('1.7')));
    });
    expect(doc.revisions.length).toBe(signed.revisions.length + 1);
    const r = analyzeRevisions(doc, signed.revisions.length - 1);
    if (reason) {
      expect(r.modification).toBe('OTHER');
      expect(r.changes.join('\n')).toMatch(reason);
    } else {
      expect(r.changes).toEqual([]);
    }
  });
});
