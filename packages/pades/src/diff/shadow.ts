/**
 * Cross-reference tricks of shadow attacks: an incremental update must define its objects in
 * its own bytes. An entry pointing back into an earlier revision (including into the signed
 * range), at a header of another object, or into an object stream of an earlier revision lets
 * a signed-but-hidden object surface after signing; so does freeing an object in use.
 */
import { entryInForce, inUse, sectionEntries, type RevisionedDocument } from './document.js';
import type { UsageMap } from './usage-map.js';


const HEADER = /^\s*(\d+)\s+(\d+)\s+obj\b/;
const STARTXREF_SLACK = 8;

function headerAt(bytes: Uint8Array, offset: number): { num: number; gen: number } | undefined {
  let s = '';
  for (let i = offset; i < bytes.length && i < offset + 40; i++) s += String.fromCharCode(bytes[i]!);
  const m = HEADER.exec(s);
  return m ? { num: Number(m[1]), gen: Number(m[2]) } : undefined;
}

/** The offset named by the last `startxref` inside [start, end), or undefined when there is none. */
function lastStartxref(bytes: Uint8Array, start: number, end: number): number | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
  const at = text.lastIndexOf('startxref');
  if (at < 0) return undefined;
  const m = /^startxref\s+(\d+)/.exec(text.slice(at));
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether the xref chain reaches revision `rev` through the section that revision itself named
 * in its final `startxref`. A later update whose /Prev points at a section hidden inside the
 * signed bytes makes the signed revision read differently from what was shown when signing.
 */
export function chainFindings(doc: RevisionedDocument, rev: number): string[] {
  const revision = doc.revisions[rev];
  const bytes = doc.bytes;
  if (!revision || !bytes || revision.xrefOffset === undefined) return [];
  const named = lastStartxref(bytes, revision.startOffset, revision.endOffset);
  if (named === undefined) return [`revision ${rev} has no startxref of its own, so what it showed when it was written cannot be established`];
  // A startxref a few bytes off is a sloppy writer the reader already tolerates, not a second section.
  if (Math.abs(named - revision.xrefOffset) <= STARTXREF_SLACK) return [];
  return [
    `revision ${rev} ends with startxref ${named}, but the cross-reference chain of the file reaches it through the section at byte ${revision.xrefOffset} — shadow attack: a later update re-routes /Prev to a hidden cross-reference section`,
  ];
}

/** Reasons why revision `rev`'s own xref section is not a genuine incremental update. */
export function shadowFindings(doc: RevisionedDocument, signedRev: number, rev: number, oldUsage: UsageMap): string[] {
  const found: string[] = [];
  const revision = doc.revisions[rev];
  if (!revision) return found;
  const bytes = doc.bytes;
  const entries = sectionEntries(doc, rev);
  for (const [n, e] of entries) {
    if (n === 0) continue;
    const where = oldUsage.pathOf(n);
    const label = `object ${n}${where ? ` (${where})` : ''}`;
    if (e.type === 'free') {
      if (inUse(doc, n, signedRev)) found.push(`${label} was deleted (freed) in revision ${rev} after signing`);
      continue;
    }
    if (e.type === 'compressed') {
      const holder = entries.get(e.stream);
      const previous = entryInForce(doc, n, rev - 1)?.entry;
      const redeclared = previous?.type === 'compressed' && previous.stream === e.stream && previous.index === e.index;
      if (!redeclared && (!holder || holder.type !== 'offset' || holder.offset < revision.startOffset)) {
        found.push(
          `${label}: revision ${rev} declares it inside object stream ${e.stream}, which that revision did not write (shadow attack: an object stream of an earlier revision is re-used)`,
        );
      }
      continue;
    }
    if (e.offset < revision.startOffset) {
      const previous = entryInForce(doc, n, rev - 1);
      const redeclared = previous?.entry.type === 'offset' && previous.entry.offset === e.offset && previous.entry.gen === e.gen;
      if (!redeclared) {
        found.push(
          `${label}: revision ${rev} points its xref entry at byte ${e.offset}, inside an earlier revision (that revision starts at byte ${revision.startOffset}) — shadow attack: bytes hidden in the signed file are activated after signing`,
        );
        continue;
      }
    }
    if (bytes) {
      if (e.offset >= bytes.length) {
        found.push(`${label}: revision ${rev} points its xref entry past the end of the file (byte ${e.offset})`);
        continue;
      }
      const header = headerAt(bytes, e.offset);
      if (!header || header.num !== n) {
        found.push(
          `${label}: revision ${rev} points its xref entry at byte ${e.offset}, where ${header ? `object ${header.num} ${header.gen}` : 'no object'} begins — shadow attack: the entry does not designate the object it names`,
        );
      }
    }
  }
  return found;
}
