/** Visible signature appearances: the public surface of this folder. */
export { buildSignatureAppearance, type SignatureAppearanceOptions } from './build-signature-appearance.js';
export { formatAppearanceLines, formatDateTime, type AppearanceLinesOptions } from './format-appearance-lines.js';
export { AppearanceFont, defaultAppearanceFont, type FontMetrics, type PlacedGlyph } from './font/appearance-font.js';
export { measureText } from './font/measure-text.js';
export { AppearanceError, type AppearanceErrorCode } from './errors.js';
export { addObject, type ObjectSink } from './object-sink.js';
export type { AlphaHandling } from './image/embed-image.js';
export type { ColourSpace } from './colour.js';
export { appearanceConstraintsFor, type AppearanceConstraints } from './appearance-constraints.js';
