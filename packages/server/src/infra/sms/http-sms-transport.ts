/**
 * SMS through a provider's HTTP API: a generic JSON POST `{ to, text, sender?, reference }`
 * with `Authorization: Bearer <token>` to the configured URL. Any 2xx is accepted; anything
 * else is a failure the jobs queue retries. The provider's answer is not quoted (it may echo the text).
 */
import type { SmsConfig } from '../../config/config.js';
import type { MessageTransport } from '../mail/message-transport.js';

export class SmsDeliveryError extends Error {
  override readonly name = 'SmsDeliveryError';
  readonly code = 'SMS_FAILED';
}

export function httpSmsTransport(config: SmsConfig, fetchImpl: typeof globalThis.fetch = globalThis.fetch): MessageTransport {
  return {
    name: 'http',
    async send(message) {
      let response: Response;
      try {
        response = await fetchImpl(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.id,
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          body: JSON.stringify({ to: message.to, text: message.text, reference: message.id, ...(config.sender ? { sender: config.sender } : {}) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        throw new SmsDeliveryError(`SMS provider unreachable: ${(error as Error).message}`);
      }
      await response.arrayBuffer().catch(() => undefined); // drain the socket; the content is not needed
      if (!response.ok) throw new SmsDeliveryError(`SMS provider answered HTTP ${response.status}`);
    },
  };
}
