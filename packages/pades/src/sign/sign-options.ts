/** Options of the signing API (PAdES baseline levels, ETSI EN 319 142-1). */
import type { HashAlgorithm, Signer } from '@paraphe/pki';
import type { Timestamper } from '../cms/build-signed-data.js';
import type { RevocationSource } from '../dss/revocation-source.js';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface VisibleSignature {
  /** Page number, starting at 1. */
  readonly page: number;
  /** Lower-left corner and size of the widget, in points (PDF user space of the page). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Text to draw; default: signer, date, reason, location, level of assurance. */
  readonly lines?: readonly string[];
  /** PNG or JPEG of a handwritten signature, drawn on the left. */
  readonly image?: Uint8Array;
  /** IANA time zone for the displayed date (default UTC). */
  readonly timeZone?: string;
  readonly locale?: 'fr' | 'en';
}

export interface SignOptions {
  readonly signer: Signer;
  /** Default SHA-256 (SHA-512 for Ed25519, as RFC 8419 requires). */
  readonly hash?: HashAlgorithm;
  /** Default B-T when a timestamper is given, else B-B. */
  readonly level?: PadesLevel;
  /** Returns an RFC 3161 TimeStampToken (ContentInfo DER); required from B-T up. */
  readonly timestamper?: Timestamper;
  /** Required from B-LT up. */
  readonly revocation?: RevocationSource;
  /** Signature field name: an existing empty signature field, or the name of a new one. */
  readonly field?: string;
  readonly visible?: VisibleSignature;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** Signer's name in /Name and in the appearance (default: the certificate's common name). */
  readonly name?: string;
  /** Shown in the appearance text only. */
  readonly levelOfAssurance?: string;
  /** Makes this a certification signature with DocMDP permissions P (1: no changes, 2: form filling, 3: + annotations). */
  readonly certify?: 1 | 2 | 3;
  /** Claimed signing time (/M); default: now. */
  readonly clock?: () => Date;
  /**
   * Told what signing left undone without failing, e.g. at B-LT the validation data of an
   * earlier signature whose revocation data could not be fetched.
   */
  readonly onWarning?: (warning: SignWarning) => void;
}

/** Something signing could not do that does not make the new signature wrong. */
export interface SignWarning {
  readonly code: 'SIGN_EARLIER_VALIDATION_DATA_UNAVAILABLE';
  /** Field of the earlier signature or document timestamp concerned. */
  readonly field: string;
  /** Code of the underlying failure (e.g. SIGN_REVOCATION_UNAVAILABLE, SIGN_CHAIN_INCOMPLETE, a CMS error code). */
  readonly reason: string;
  readonly message: string;
}

export interface ValidationDataOptions {
  readonly revocation: RevocationSource;
  readonly clock?: () => Date;
}

export interface DocumentTimestampOptions {
  readonly timestamper: Timestamper;
  /** Hash for the imprint (default SHA-256). */
  readonly hash?: HashAlgorithm;
  /** Field name for the timestamp (default DocTimeStamp1, DocTimeStamp2…). */
  readonly field?: string;
  readonly clock?: () => Date;
}

export interface RenewArchiveOptions extends DocumentTimestampOptions {
  readonly revocation: RevocationSource;
}
