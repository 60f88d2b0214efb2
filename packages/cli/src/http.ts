/** Small HTTP helpers for OCSP, CRL and CA-issuer fetches, with coded errors and a timeout. */
import { CliError } from './cli-error.js';

const TIMEOUT_MS = 15_000;

export async function httpGet(fetch: typeof globalThis.fetch, url: string): Promise<Uint8Array> {
  return exchange(fetch, url, { method: 'GET' });
}

export async function httpPost(
  fetch: typeof globalThis.fetch,
  url: string,
  contentType: string,
  body: Uint8Array,
): Promise<Uint8Array> {
  return exchange(fetch, url, { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
}

async function exchange(fetch: typeof globalThis.fetch, url: string, init: RequestInit): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError('CLI_HTTP', `${init.method} ${url} failed: ${cause}`);
  }
  if (!response.ok) throw new CliError('CLI_HTTP', `${init.method} ${url} answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
