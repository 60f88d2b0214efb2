/** Issues X.509 v2 CRLs (RFC 5280 §5) signed through a Signer, with CRL number and AKI. */
import * as asn1js from 'asn1js';
import { der } from '../asn1/der-writer.js';
import { encodeDer, toArrayBuffer } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { defaultHashFor, x509Time, type SigningFunction } from '../cert/issue-certificate.js';
import { ext, keyIdentifier } from '../cert/extensions.js';
import { parseCertificate } from '../cert/parse-certificate.js';
import { PkiError } from '../errors.js';
import { reasonCode, type RevocationReason } from '../revocation-reason.js';
import { serialBytes, type SerialInput } from '../serial.js';
import { signatureAlgorithmIdentifier } from '../signature-algorithm.js';
import type { HashAlgorithm } from '../signer.js';

export interface RevokedEntry {
  readonly serial: SerialInput;
  readonly date: Date;
  readonly reason?: RevocationReason;
}

export interface CreateCrlOptions {
  readonly issuer: { readonly certificate: Uint8Array; readonly signer: SigningFunction };
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly revoked: readonly RevokedEntry[];
  readonly crlNumber: number | bigint;
  readonly hash?: HashAlgorithm;
}

function timeDer(d: Date): Uint8Array {
  return encodeDer(x509Time(d).toSchema());
}

export async function createCrl(o: CreateCrlOptions): Promise<Uint8Array> {
  if (!(o.nextUpdate.getTime() > o.thisUpdate.getTime())) throw new PkiError('PKI_INVALID_INPUT', 'nextUpdate must be after thisUpdate');
  const issuer = parseCertificate(o.issuer.certificate);
  const hash = o.hash ?? defaultHashFor(o.issuer.signer.scheme);
  const sigAlg = encodeDer(signatureAlgorithmIdentifier(o.issuer.signer.scheme, hash).toSchema());
  const entries = o.revoked.map((r) =>
    der.sequence(
      der.integer(serialBytes(r.serial)),
      timeDer(r.date),
      ...(r.reason
        ? [der.sequence(der.sequence(der.oid(OID.crlReason), der.octetString(encodeDer(new asn1js.Enumerated({ value: reasonCode(r.reason) })))))]
        : []),
    ),
  );
  const aki = ext.authorityKeyIdentifier(issuer.subjectKeyIdentifier ?? keyIdentifier(issuer.publicKeyBits));
  const n = BigInt(o.crlNumber);
  if (n < 0n) throw new PkiError('PKI_INVALID_INPUT', 'crlNumber must not be negative');
  const crlNumber = der.sequence(der.oid(OID.crlNumber), der.octetString(n === 0n ? der.small(0) : der.integer(serialBytes(n))));
  const tbs = der.sequence(
    der.small(1),
    sigAlg,
    issuer.subjectDer,
    timeDer(o.thisUpdate),
    timeDer(o.nextUpdate),
    ...(entries.length ? [der.sequence(...entries)] : []),
    der.explicit(0, der.sequence(encodeDer(aki.toSchema()), crlNumber)),
  );
  const signature = await o.issuer.signer.sign(tbs, hash);
  return der.sequence(tbs, sigAlg, encodeDer(new asn1js.BitString({ valueHex: toArrayBuffer(signature) })));
}
