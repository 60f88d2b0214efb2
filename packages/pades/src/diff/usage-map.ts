/**
 * Who refers to whom in one revision: a breadth-first walk from the trailer that records, for
 * every reachable object, each place it is referenced from and its shortest path from the
 * trailer (for messages such as "/Root/Pages/Kids[0]/Contents"). Cycle-safe and bounded.
 */
import type { PdfObject } from '@paraphe/pdf';
import { objectAt, type RevisionedDocument } from './document.js';

/** A reference to an object: from the trailer or from another object, at a key path inside it. */
export interface Usage {
  readonly from: number | 'trailer';
  /** Path inside the referring object, e.g. "/AP/N" or "/Kids[2]". */
  readonly key: string;
}

export function usageKey(u: Usage): string {
  return `${u.from}|${u.key}`;
}

const MAX_OBJECTS = 2_000_000;
const MAX_DEPTH = 256;

export class UsageMap {
  readonly paths = new Map<number, string>();
  readonly usages = new Map<number, Usage[]>();
  /** Set when the walk stopped early; analysis must then not trust absence of usages. */
  truncated = false;

  constructor(readonly rev: number) {}

  reachable(objNum: number): boolean {
    return this.paths.has(objNum);
  }

  usagesOf(objNum: number): readonly Usage[] {
    return this.usages.get(objNum) ?? [];
  }

  /** Absolute path of an object, or a plain "object N" label when it is unreachable. */
  pathOf(objNum: number): string | undefined {
    return this.paths.get(objNum);
  }

  /** Absolute path of the place a usage refers from. */
  usagePath(u: Usage): string {
    if (u.from === 'trailer') return u.key;
    return `${this.paths.get(u.from) ?? `object ${u.from}`}${u.key}`;
  }
}

/** Only references and containers can lead anywhere; skipping scalars keeps big number arrays cheap. */
function holdsRefs(v: PdfObject): boolean {
  return v.kind === 'ref' || v.kind === 'array' || v.kind === 'dict' || v.kind === 'stream';
}

export function buildUsageMap(doc: RevisionedDocument, rev: number): UsageMap {
  const map = new UsageMap(rev);
  const queue: number[] = [];
  const visit = (from: number | 'trailer', value: PdfObject, key: string, base: string, depth: number): void => {
    if (depth > MAX_DEPTH) {
      map.truncated = true;
      return;
    }
    switch (value.kind) {
      case 'ref': {
        let list = map.usages.get(value.num);
        if (!list) map.usages.set(value.num, (list = []));
        list.push({ from, key });
        if (!map.paths.has(value.num)) {
          map.paths.set(value.num, `${base}${key}`);
          queue.push(value.num);
        }
        return;
      }
      case 'array':
        value.items.forEach((item, i) => {
          if (holdsRefs(item)) visit(from, item, `${key}[${i}]`, base, depth + 1);
        });
        return;
      case 'dict':
        for (const [k, v] of value.entries) if (holdsRefs(v)) visit(from, v, `${key}/${k}`, base, depth + 1);
        return;
      case 'stream':
        for (const [k, v] of value.dict.entries) if (holdsRefs(v)) visit(from, v, `${key}/${k}`, base, depth + 1);
        return;
      default:
        return;
    }
  };
  for (const [k, v] of doc.trailer(rev).entries) {
    if (k === 'Prev' || k === 'XRefStm' || k === 'Size' || k === 'ID') continue;
    visit('trailer', v, `/${k}`, '', 0);
  }
  for (let head = 0; head < queue.length; head++) {
    if (head >= MAX_OBJECTS) {
      map.truncated = true;
      break;
    }
    const n = queue[head]!;
    const value = objectAt(doc, n, rev);
    if (value) visit(n, value, '', map.paths.get(n) ?? '', 0);
  }
  return map;
}

/** Usage maps are pure functions of (document, revision); validators ask for them once per signature. */
const cache = new WeakMap<RevisionedDocument, Map<number, UsageMap>>();

export function usageMapOf(doc: RevisionedDocument, rev: number): UsageMap {
  let perDoc = cache.get(doc);
  if (!perDoc) cache.set(doc, (perDoc = new Map()));
  let map = perDoc.get(rev);
  if (!map) perDoc.set(rev, (map = buildUsageMap(doc, rev)));
  return map;
}
