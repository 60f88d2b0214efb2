import 'reflect-metadata';
export * from './signer.js';
export * from './errors.js';
export { hashOid, hashFromOid, hashLength, digest, nodeHashName } from './hash.js';
export { type RandomSource, defaultRandom, randomSerial } from './random.js';
export {
  signatureAlgorithmIdentifier,
  hashAlgorithmIdentifier,
  parseSignatureAlgorithm,
  verifySignature,
  publicKeyFromSpki,
  type SignatureAlgorithmParams,
} from './signature-algorithm.js';
export { minimalPositiveInteger, toHex, fromHex, concatBytes, concatAll, bytesEqual } from './asn1/bytes.js';
export { der, tlv, compareBytes } from './asn1/der-writer.js';
export { OID } from './asn1/oids.js';
export { DIGEST_ALGORITHMS, SIGNATURE_ALGORITHMS, type SignatureFamily } from './asn1/algorithm-oids.js';
export { generateKeyPair, spkiOf, type KeyAlgorithm, type KeyPair } from './keys/generate-key-pair.js';
export { toPem, pemBlocks, derFromInput } from './cert/pem.js';
export { buildName, formatName, type SubjectFields } from './cert/name.js';
export { parseCertificate, type ParsedCertificate, type KeyUsageName, type CertificateExtensionInfo } from './cert/parse-certificate.js';
export { cachedCertificate } from './tsp/certificate-cache.js';
export { issueCertificate, defaultHashFor, type IssueCertificateOptions, type SigningFunction } from './cert/issue-certificate.js';
export { type CertificateProfile, SIGNING_EKUS } from './cert/profiles.js';
export { keySigner, defaultSchemeFor, publicKeyOf } from './signers/key-signer.js';
export { type RunningServer } from './http-server.js';
export { createTimestampRequest, parseTimestampRequest, type TimestampRequestOptions, type ParsedTimestampRequest } from './tsp/timestamp-request.js';
export {
  createTimestampToken,
  createTimestampRejection,
  TimestampRejection,
  type CreateTimestampTokenOptions,
  type TimestampAuthority,
  type TimestampAccuracy,
  type TimestampFailure,
} from './tsp/create-timestamp-token.js';
export { parseTimestampToken, parseTimestampResponse, type ParsedTimestampToken, type ParsedTimestampResponse } from './tsp/parse-timestamp-token.js';
export { verifyTimestampToken, type TimestampExpectation } from './tsp/verify-timestamp-token.js';
export { requestTimestamp, httpTimestampTransport, type RequestTimestampOptions, type TimestampTransport } from './tsp/request-timestamp.js';
export { startTsaServer, DEFAULT_TSA_POLICY, type TsaServerOptions } from './tsp/tsa-server.js';
export { essCertIdV2, signingCertificateV2Attribute } from './tsp/ess.js';
export { type RevocationReason, reasonCode, reasonFromCode } from './revocation-reason.js';
export { serialBytes, type SerialInput } from './serial.js';
export { createCrl, type CreateCrlOptions, type RevokedEntry } from './crl/create-crl.js';
export { parseCrl, type ParsedCrl, type CrlEntry } from './crl/parse-crl.js';
export * from './path/index.js';
export { createCertId, certIdMatches, type OcspCertId, type CertIdHash } from './ocsp/cert-id.js';
export { createOcspRequest, parseOcspRequest, type OcspRequestOptions, type ParsedOcspRequest } from './ocsp/ocsp-request.js';
export {
  createOcspResponse,
  createOcspErrorResponse,
  type CreateOcspResponseOptions,
  type OcspCertStatus,
  type OcspResponder,
  type OcspErrorStatus,
} from './ocsp/ocsp-response.js';
export { parseOcspResponse, type ParsedOcspResponse, type OcspSingleResponse, type OcspResponseStatus } from './ocsp/parse-ocsp-response.js';
export { startOcspServer, type OcspServerOptions } from './ocsp/ocsp-server.js';
export { encryptPrivateKey, decryptPrivateKey, encryptedKeySigner } from './signers/encrypted-pkcs8.js';
export { DEFAULT_PBKDF2_ITERATIONS, type Pbes2Options } from './signers/pbe.js';
export { loadPkcs12, type LoadedPkcs12 } from './signers/pkcs12-read.js';
export { writePkcs12, type WritePkcs12Options } from './signers/pkcs12-write.js';
export { createDevPki, DEV_PKI_PASSWORD, type CreateDevPkiOptions } from './devpki/create-dev-pki.js';
export { type DevPki, type DevIdentity } from './devpki/types.js';
export { pkcs11Signer, type Pkcs11Signer, type Pkcs11SignerOptions } from './signers/pkcs11/pkcs11-signer.js';
export { generateTokenKeyPair, type GenerateTokenKeyOptions, type TokenKey } from './signers/pkcs11/generate-token-key.js';
export { rawEcdsaToDer } from './signers/pkcs11/ecdsa-der.js';
