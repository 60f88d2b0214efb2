/**
 * Where B-LT/B-LTA revocation data comes from on the command line: the OCSP responder named
 * by `--ocsp` or by each certificate's AIA, CRLs fetched from their distribution points, and
 * CRL files given with `--crl`.
 */
import { createOcspRequest, parseCertificate } from '@paraphe/pki';
import { CliError } from './cli-error.js';
import { httpGet, httpPost } from './http.js';

export interface CliRevocationOptions {
  fetch: typeof globalThis.fetch;
  /** Overrides the AIA OCSP URL of every certificate. */
  ocspUrl?: string;
  /** CRLs read from files, added as they are. */
  crls: readonly Uint8Array[];
  /** Certificates that complete chains the signatures do not carry (often the root), from --cert. */
  certificates?: readonly Uint8Array[];
}

export function revocationSource(options: CliRevocationOptions) {
  return {
    async ocsp(certificate: Uint8Array, issuer: Uint8Array): Promise<Uint8Array | undefined> {
      const url = options.ocspUrl ?? parseCertificate(certificate).ocspUrls[0];
      if (url === undefined) return undefined; // no responder known: the CRL route may still cover it
      const request = createOcspRequest(certificate, issuer);
      return httpPost(options.fetch, url, 'application/ocsp-request', request);
    },
    async crl(url: string): Promise<Uint8Array> {
      if (!/^https?:\/\//i.test(url)) throw new CliError('CLI_HTTP', `unsupported CRL location ${url}`);
      return httpGet(options.fetch, url);
    },
    extraCrls: [...options.crls],
    extraCerts: [...(options.certificates ?? [])],
  };
}
