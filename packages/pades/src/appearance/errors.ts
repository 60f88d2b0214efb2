/**
 * Errors raised while building a visible signature appearance, each with a stable code so the
 * signer, the API and the CLI can say why an appearance could not be drawn.
 */

export type AppearanceErrorCode =
  | 'APPEARANCE_FONT' // the font file is missing, unreadable or not a TrueType font we can subset
  | 'APPEARANCE_IMAGE' // the signature image is not a PNG/JPEG we can embed
  | 'APPEARANCE_OPTIONS'; // an option is unusable: box size not finite and positive, unknown time zone

export class AppearanceError extends Error {
  readonly code: AppearanceErrorCode;
  constructor(code: AppearanceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppearanceError';
    this.code = code;
  }
}
