/** The README.txt written next to a development PKI, listing its files. */
import { parseCertificate } from '../cert/parse-certificate.js';
import type { DevPki } from './types.js';

export function devReadme(pki: DevPki): string {
  const line = (file: string, what: string, cert?: Uint8Array) =>
    `  ${file.padEnd(16)} ${what}${cert ? ` — ${parseCertificate(cert).subject}` : ''}`;
  return [
    'Paraphe development PKI — FOR DEVELOPMENT AND TESTS ONLY, never for real signatures.',
    '',
    `PKCS#12 password: ${pki.password === 'paraphe-dev' ? 'paraphe-dev (the public default)' : '(the one given when the PKI was created)'}`,
    pki.baseUrl ? `AIA / CRL URLs point at ${pki.baseUrl} (OCSP at /ocsp; serve with \`paraphe ocsp serve\`).` : 'Certificates carry no AIA / CRL URLs.',
    '',
    'Certificates (PEM):',
    line('root.pem', 'trust anchor (RSA-3072)', pki.root.certificate),
    line('ca.pem', 'issuing CA (RSA-3072)', pki.ca.certificate),
    line('alice.pem', 'person, RSA-2048', pki.alice.certificate),
    line('benoit.pem', 'person, ECDSA P-256', pki.benoit.certificate),
    line('seal.pem', 'departmental seal, RSA-2048', pki.seal.certificate),
    line('tsa.pem', 'time-stamping authority, RSA-2048', pki.tsa.certificate),
    line('ocsp.pem', 'OCSP responder, ECDSA P-256', pki.ocsp.certificate),
    line('chain.pem', 'issuing CA + root'),
    '',
    'Keys with their certificate and chain (PKCS#12, password above):',
    '  root.p12 ca.p12 alice.p12 benoit.p12 seal.p12 tsa.p12 ocsp.p12',
    '',
    'Revocation:',
    line('ca.crl', 'CRL of the issuing CA (DER; ca.crl.pem in PEM), no revoked certificate'),
    line('root.crl', 'CRL of the root (DER; root.crl.pem in PEM), no revoked certificate'),
    '',
    'pki.json marks this directory as a Paraphe development PKI; it is loaded, not regenerated.',
    '',
  ].join('\n');
}
