/** The port every outgoing message (mail, SMS) leaves through; adapters: SMTP, an SMS provider over HTTP, or the outbox. */

export interface OutgoingMessage {
  /** The outbox id: also the Message-ID / provider reference, so a retried delivery is recognisable. */
  readonly id: string;
  readonly channel: 'mail' | 'sms';
  readonly to: string;
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
}

export interface MessageTransport {
  /** Stored on the outbox row once delivered: 'smtp', 'http' or 'outbox'. */
  readonly name: string;
  /** Resolves once the next hop accepted the message; rejects with a reason that never quotes the body. */
  send(message: OutgoingMessage): Promise<void>;
}

/** The default: the message stays in the outbox table, where administrators read it in the app. */
export const outboxTransport: MessageTransport = {
  name: 'outbox',
  send: async () => undefined,
};
