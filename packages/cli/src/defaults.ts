/** Default ports of the development servers; `pki init` points certificates at the OCSP one. */
export const DEFAULT_TSA_PORT = 3161;
export const DEFAULT_OCSP_PORT = 3162;
