/**
 * Binary HTTP POST over node:http with a shared keep-alive agent: a client that time-stamps
 * document after document reuses one TCP connection to its TSA instead of opening one per token.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpPostResult {
  readonly status: number;
  readonly body: Uint8Array;
}

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16 });

/** POSTs `body` and resolves with the status and the whole answer (at most `maxBytes`). */
export function httpPost(url: string, headers: Record<string, string>, body: Uint8Array, maxBytes = 4 * 1024 * 1024): Promise<HttpPostResult> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') return Promise.reject(new Error(`unsupported URL scheme ${target.protocol}`));
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'POST', agent: secure ? httpsAgent : httpAgent, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy(new Error(`answer larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: new Uint8Array(Buffer.concat(chunks)) }));
      },
    );
    req.on('error', reject);
    // Nagle would hold the small request back until the previous segment is acknowledged.
    req.setNoDelay(true);
    req.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });
}
