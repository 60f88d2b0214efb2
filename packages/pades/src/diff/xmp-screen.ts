/**
 * Byte-level screen for an XMP metadata packet written after signing. Nothing here parses XML:
 * a packet is accepted only if it carries no markup declarations at all (no DTD, no entities,
 * so no entity expansion or external fetch can ever be triggered by a consumer) and its root
 * element is the XMP `x:xmpmeta` wrapper.
 */

/** Largest packet screened; XMP of a signed document is a few kilobytes. */
export const MAX_XMP_BYTES = 4 * 1024 * 1024;

/** Reason the packet was refused, or undefined when it passes. */
export function screenXmp(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_XMP_BYTES) return `metadata stream is larger than ${MAX_XMP_BYTES} bytes`;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // "<!" opens DOCTYPE, ENTITY, ELEMENT, ATTLIST declarations; only comments and CDATA are harmless.
  const declaration = /<!(?!--|\[CDATA\[)/.exec(text);
  if (declaration) return 'metadata stream contains an XML markup declaration (DTD or entity)';
  if (/&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s;]*;/.test(text)) {
    return 'metadata stream references an XML entity that is not predefined';
  }
  const root = /<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text);
  if (!root || root[2] !== 'xmpmeta') return 'metadata stream is not an XMP packet (root element is not x:xmpmeta)';
  if (!text.includes('adobe:ns:meta/')) return 'metadata stream is not an XMP packet (no adobe:ns:meta/ namespace)';
  return undefined;
}
