/** Mail through an SMTP server (nodemailer), when SMTP_HOST is configured. */
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config/config.js';
import type { MessageTransport } from './message-transport.js';

export class SmtpDeliveryError extends Error {
  override readonly name = 'SmtpDeliveryError';
  readonly code = 'SMTP_FAILED';
}

export function smtpTransport(config: SmtpConfig, messageIdDomain: string): MessageTransport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    // Fail fast so a dead server becomes a retry with back-off instead of a stuck worker.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    logger: false,
  });
  return {
    name: 'smtp',
    async send(message) {
      try {
        await transporter.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          messageId: `<${message.id}@${messageIdDomain}>`,
        });
      } catch (error) {
        // nodemailer's message carries the server's reply, never our body.
        const e = error as { code?: string; responseCode?: number; message?: string };
        throw new SmtpDeliveryError(`SMTP delivery to ${config.host}:${config.port} failed: ${e.code ?? ''} ${e.responseCode ?? ''} ${(e.message ?? '').slice(0, 300)}`.replace(/\s+/g, ' '));
      }
    },
  };
}
