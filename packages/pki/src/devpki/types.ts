/** Shapes of the development PKI: who is in it and what each member holds. */
import type { KeyObject } from 'node:crypto';
import type { OcspCertId } from '../ocsp/cert-id.js';
import type { OcspCertStatus } from '../ocsp/ocsp-response.js';
import type { RevocationReason } from '../revocation-reason.js';
import type { Signer } from '../signer.js';

export interface DevIdentity {
  readonly certificate: Uint8Array;
  /** Issuing CA first, root last. */
  readonly chain: readonly Uint8Array[];
  readonly privateKey: KeyObject;
  readonly signer: Signer;
}

export interface DevPki {
  readonly root: DevIdentity;
  readonly ca: DevIdentity;
  /** "Alice Tremblay", RSA-2048. */
  readonly alice: DevIdentity;
  /** "Benoît Gagnon", ECDSA P-256. */
  readonly benoit: DevIdentity;
  readonly persons: readonly DevIdentity[];
  /** Departmental seal "Greffe — Ville". */
  readonly seal: DevIdentity;
  /** Time-stamping authority: usable as `tsa` for startTsaServer / createTimestampToken. */
  readonly tsa: DevIdentity;
  /** OCSP responder for certificates issued by `ca`: usable as `responder` for startOcspServer. */
  readonly ocsp: DevIdentity;
  /** CRLs of the issuing CA and of the root (DER), as created (no revoked certificate). */
  readonly crl: Uint8Array;
  readonly rootCrl: Uint8Array;
  readonly trustAnchors: readonly Uint8Array[];
  /** Password protecting the PKCS#12 files written to `dir`. */
  readonly password: string;
  readonly baseUrl: string | undefined;
  readonly dir: string | undefined;
  /** Development OCSP status: revoked if revoke() was called, else good for anything the issuing CA issued, unknown otherwise. */
  status(certId: OcspCertId): OcspCertStatus;
  /**
   * Revokes a certificate issued by `ca`: later status() answers revoked and a new CA CRL is
   * issued (and rewritten in `dir`). For tests of revocation handling.
   */
  revoke(certificate: Uint8Array, options?: { readonly date?: Date; readonly reason?: RevocationReason }): Promise<void>;
  /** The CA's CRL including revocations made so far. */
  currentCrl(): Uint8Array;
  /** Routes for startOcspServer({ files }): /ca.crl (current), /root.crl, /ca.cer, /root.cer. */
  readonly files: Readonly<Record<string, Uint8Array | (() => Uint8Array)>>;
}
