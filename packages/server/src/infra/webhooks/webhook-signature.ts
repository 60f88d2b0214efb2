/**
 * Webhook body signatures: `X-Paraphe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * Signing the timestamp with the body lets receivers refuse replays older than their tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-paraphe-signature';
export const TIMESTAMP_HEADER = 'x-paraphe-timestamp';

export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureCheck = { readonly valid: true; readonly timestamp: number } | { readonly valid: false; readonly reason: 'MALFORMED' | 'MISMATCH' | 'TOO_OLD' };

/** What a receiver does (documented for integrators; used by the tests' receiver). */
export function checkWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): SignatureCheck {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { valid: false, reason: 'MALFORMED' };
  const expected = Buffer.from(webhookSignature(secret, t, body).split('v1=')[1]!, 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { valid: false, reason: 'MISMATCH' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { valid: false, reason: 'TOO_OLD' };
  return { valid: true, timestamp: t };
}
