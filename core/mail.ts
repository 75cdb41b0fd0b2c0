/**
 * E-mail, for owners outside Teams (regulators, code bodies). Two adapters implement it: SMTP
 * (nodemailer) and Microsoft Graph `sendMail` from a shared mailbox.
 */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /**
   * Identifies the reminder this mail carries; adapters pass it as the Message-ID seed (SMTP) or
   * a transaction id (Graph) so a resend after an unknown outcome can be recognised.
   */
  readonly idempotencyKey: string;
}

export interface Mailer {
  /** @throws MailFailure when the server refused or could not be reached. */
  send(message: MailMessage): Promise<void>;
}

export class MailFailure extends Error {
  constructor(
    message: string,
    /** `rejected`: the server said no (bad address, auth); `unavailable`: no answer, try later. */
    readonly kind: 'rejected' | 'unavailable',
  ) {
    super(message);
    this.name = 'MailFailure';
  }
}
