/**
 * Actions carried by objects added after signing. A new signature field or annotation that
 * runs JavaScript, launches files or submits/resets/imports form data can change what a viewer
 * shows without touching the signed objects, so only plain navigation is accepted.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { asDict, get, nameOf } from './cos.js';

/** Action types that only navigate (ISO 32000-1 Table 198). */
const NAVIGATION = new Set(['GoTo', 'GoToR', 'GoToE', 'URI', 'Thread', 'Named']);

/** A sentence describing the active content of `dict`, or undefined when it has none. */
export function activeContent(dict: PdfDict | undefined, resolve: (v: PdfObject | undefined) => PdfObject | undefined): string | undefined {
  if (!dict) return undefined;
  if (get(dict, 'AA')) return 'additional actions (/AA)';
  const action = asDict(resolve(get(dict, 'A')));
  const type = nameOf(get(action, 'S'));
  if (action && (!type || !NAVIGATION.has(type))) return `an action of type /${type ?? 'unknown'}`;
  if (action && get(action, 'Next')) return 'chained actions (/Next)';
  return undefined;
}
