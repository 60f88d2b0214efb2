/**
 * fetch with one retry when the connection itself fails (not on HTTP errors). A kept-alive
 * socket that the server closes while idle makes the next request fail with "other side
 * closed" — routine between the signature timestamp and the document timestamp of a B-LTA
 * signature. Every request the CLI makes (TSA, OCSP, CRL) is safe to repeat.
 */
export function retryingFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted || !(error instanceof TypeError)) throw error; // a timeout or a programming error
      return fetch(input, init);
    }
  };
}
