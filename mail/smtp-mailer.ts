import type { Transporter } from 'nodemailer';
import type { Log } from '../core/log';
import { MailFailure, type Mailer, type MailMessage } from '../core/mail';
import { messageIdFor, withoutSecrets } from './mail-id';

/** Options for {@link SmtpMailer}. */
export interface SmtpMailerOptions {
  /** `smtp://host:port`, `smtps://user:password@host:port`; nodemailer URL options allowed. */
  readonly url: string;
  /** The From header, e.g. `Meeting Actions <actions@example.org>`. */
  readonly from: string;
  readonly log?: Log;
  /** How long connecting and the server's greeting may take; 10 s by default. */
  readonly connectTimeoutMs?: number;
}

// Codes nodemailer gives when the server answered "no" or the message itself is unusable: the
// same mail would be refused again, so retrying is pointless (see MailFailure `rejected`).
const REFUSED_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH', 'ENOAUTH', 'EMAXRECIPIENTS']);

/**
 * E-mail over SMTP with nodemailer: `smtp://` (STARTTLS when the server offers it) or `smtps://`
 * (TLS from the start). One transport is kept for the app's life; {@link close} ends it.
 * nodemailer is loaded with the first mail: a bot that sends none does not carry it.
 *
 * The Message-ID is derived from the mail's idempotency key, so a reminder resent after an
 * unknown outcome is recognisably the same message. Credentials in the URL are never logged, and
 * never appear in a {@link MailFailure}'s message.
 */
export class SmtpMailer implements Mailer {
  private transport?: Promise<Transporter>;
  private closed = false;
  private readonly secrets: readonly string[];

  constructor(private readonly options: SmtpMailerOptions) {
    this.secrets = secretsOf(options.url);
  }

  async send(message: MailMessage): Promise<void> {
    const messageId = messageIdFor(message.idempotencyKey, this.options.from);
    try {
      const transport = await this.openTransport();
      await transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
      });
    } catch (error) {
      const failure = this.failureOf(error, message.to);
      this.options.log?.warn(
        { messageId, kind: failure.kind, reason: failure.message },
        'mail not sent (SMTP)',
      );
      throw failure;
    }
    this.options.log?.debug({ messageId }, 'mail sent (SMTP)');
  }

  /** Closes the connection to the server. */
  close(): void {
    this.closed = true;
    // A transport that could not be made has nothing to close (send reported why).
    void this.transport?.then(
      (transport) => transport.close(),
      () => undefined,
    );
  }

  private openTransport(): Promise<Transporter> {
    if (this.closed) return Promise.reject(new Error('the SMTP mailer is closed'));
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) => {
      const timeout = this.options.connectTimeoutMs ?? 10_000;
      const transport = nodemailer.createTransport({
        url: this.options.url,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: 60_000,
        // nodemailer's own logger would print the SMTP conversation, AUTH included.
        logger: false,
        debug: false,
      });
      if (this.closed) transport.close();
      return transport;
    });
    return this.transport;
  }

  private failureOf(error: unknown, to: string): MailFailure {
    const details = (error ?? {}) as {
      code?: unknown;
      responseCode?: unknown;
      permanent?: unknown;
    };
    const text = withoutSecrets(
      error instanceof Error ? error.message : String(error),
      this.secrets,
    );
    const code = typeof details.code === 'string' ? details.code : undefined;
    const permanent =
      details.permanent === true ||
      (details.permanent === undefined && code !== undefined && REFUSED_CODES.has(code));
    if (permanent) {
      return new MailFailure(`The mail server refused the mail to ${to}: ${text}`, 'rejected');
    }
    return new MailFailure(
      `The mail server could not be reached or asked to try later: ${text}`,
      'unavailable',
    );
  }
}

function secretsOf(url: string): string[] {
  try {
    const { password } = new URL(url);
    return password === '' ? [] : [password, decodeURIComponent(password)];
  } catch {
    return [];
  }
}
