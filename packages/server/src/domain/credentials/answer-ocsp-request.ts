/**
 * The built-in OCSP responder: answers for certificates of the issuing CA (signed by the
 * delegated OCSP responder certificate) and of the root (signed by the root itself, the only
 * key authorised for it). Status comes from the register, so a revocation shows at once.
 */
import { createOcspErrorResponse, createOcspResponse, parseOcspRequest, parseCertificate, PkiError, type OcspCertId, type OcspCertStatus, type OcspResponder } from '@paraphe/pki';
import { createHash } from 'node:crypto';
import type { BuiltinIssuer } from './credential-tables.js';
import type { CredentialContext } from './credential-context.js';
import { issuedCertificateStatus } from './certificate-register.js';

/** Answers stay valid this long (short: a revocation must show quickly even to caching clients). */
export const OCSP_VALIDITY_MS = 10 * 60_000;

const NODE_HASH = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

function issuerOf(ctx: Pick<CredentialContext, 'pki'>, id: OcspCertId): BuiltinIssuer | undefined {
  for (const issuer of ['ca', 'root'] as const) {
    const cert = parseCertificate(ctx.pki[issuer].certificate);
    const h = (data: Uint8Array) => createHash(NODE_HASH[id.hash]).update(data).digest();
    if (h(cert.subjectDer).equals(Buffer.from(id.issuerNameHash)) && h(cert.publicKeyBits).equals(Buffer.from(id.issuerKeyHash))) return issuer;
  }
  return undefined;
}

/** The platform's own operational certificates (TSA, OCSP, issuing CA) are not in the register but are good. */
function builtinStatus(ctx: Pick<CredentialContext, 'pki'>, issuer: BuiltinIssuer, serialHex: string): OcspCertStatus | undefined {
  const own = issuer === 'ca' ? [ctx.pki.tsa.certificate, ctx.pki.ocsp.certificate] : [ctx.pki.ca.certificate];
  return own.some((c) => parseCertificate(c).serialHex === serialHex) ? { status: 'good' } : undefined;
}

/** DER OCSPResponse for a DER OCSPRequest; malformed requests get `malformedRequest`, never an exception. */
export async function answerOcspRequest(ctx: Pick<CredentialContext, 'pki' | 'db' | 'clock'>, requestDer: Uint8Array): Promise<Uint8Array> {
  let request;
  try {
    request = parseOcspRequest(requestDer);
  } catch (error) {
    if (error instanceof PkiError) return createOcspErrorResponse('malformedRequest');
    throw error;
  }
  // One response has one signer: the issuer of the first certificate asked about decides it.
  const mainIssuer = issuerOf(ctx, request.certIds[0]!) ?? 'ca';
  const responder: OcspResponder =
    mainIssuer === 'ca'
      ? { certificate: ctx.pki.ocsp.certificate, signer: ctx.pki.ocsp.signer }
      : { certificate: ctx.pki.root.certificate, signer: ctx.pki.root.signer };
  const now = ctx.clock();
  return createOcspResponse({
    request,
    responder,
    status: async (id) => {
      const issuer = issuerOf(ctx, id);
      if (issuer !== mainIssuer) return { status: 'unknown' };
      return builtinStatus(ctx, issuer, id.serialHex) ?? issuedCertificateStatus(ctx.db.kysely, issuer, id.serialHex);
    },
    producedAt: now,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + OCSP_VALIDITY_MS),
  });
}
