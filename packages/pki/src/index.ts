import 'reflect-metadata';
export * from './signer.js';
export * from './errors.js';
export { hashOid, hashFromOid, hashLength, digest, nodeHashName } from './hash.js';
export { type RandomSource, defaultRandom, randomSerial } from './random.js';
export {
  signatureAlgorithmIdentifier,
  parseSignatureAlgorithm,
  verifySignature,
  publicKeyFromSpki,
  type SignatureAlgorithmParams,
} from './signature-algorithm.js';
export { minimalPositiveInteger, toHex, fromHex } from './asn1/bytes.js';
export { OID } from './asn1/oids.js';
export { generateKeyPair, spkiOf, type KeyAlgorithm, type KeyPair } from './keys/generate-key-pair.js';
export { toPem, pemBlocks, derFromInput } from './cert/pem.js';
export { buildName, formatName, type SubjectFields } from './cert/name.js';
export { parseCertificate, type ParsedCertificate, type KeyUsageName, type CertificateExtensionInfo } from './cert/parse-certificate.js';
export { issueCertificate, defaultHashFor, type IssueCertificateOptions, type SigningFunction } from './cert/issue-certificate.js';
export { type CertificateProfile, SIGNING_EKUS } from './cert/profiles.js';
export { keySigner, defaultSchemeFor, publicKeyOf } from './signers/key-signer.js';
