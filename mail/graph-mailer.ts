import type { Log } from '../core/log';
import { MailFailure, type Mailer, type MailMessage } from '../core/mail';
import { EntraAppToken } from './entra-app-token';
import { mailIdAsUuid, mailIdOf, withoutSecrets } from './mail-id';

/** Options for {@link GraphMailer}. */
export interface GraphMailerOptions {
  /** The mailbox mail is sent from: its address or Entra object id (`GRAPH_MAIL_SENDER`). */
  readonly sender: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://graph.microsoft.com` by default. */
  readonly graphBaseUrl?: string;
  /** `https://login.microsoftonline.com` by default. */
  readonly entraAuthority?: string;
  readonly log?: Log;
  /** How a wait for `Retry-After` is made; tests pass one that records it. */
  readonly wait?: (ms: number) => Promise<void>;
  /** The longest `Retry-After` waited for in place; a longer one fails as `unavailable`. */
  readonly maxRetryAfterMs?: number;
  readonly timeoutMs?: number;
}

/** The header that carries the mail's id (from its idempotency key) in Graph-sent mail. */
export const MAIL_ID_HEADER = 'X-Meeting-Actions-Id';

const DEFAULT_GRAPH = 'https://graph.microsoft.com';
const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

// What a 4xx most often means here, in the administrator's terms.
const HINTS: Readonly<Record<number, string>> = {
  403: 'grant the app the Mail.Send application permission and scope it to the mailbox with Exchange RBAC for Applications',
  404: 'GRAPH_MAIL_SENDER names no mailbox of the tenant',
};

/**
 * E-mail through Microsoft Graph: `POST {graph}/v1.0/users/{sender}/sendMail` with an app-only
 * token of the app's own credentials (client credentials, permission `Mail.Send`). The
 * recommended route for Microsoft 365 mailboxes, where basic-auth SMTP is being retired.
 *
 * Graph answers 202 when it has taken the mail. A 429 or 503 with `Retry-After` is waited for and
 * tried once more; a 401 gets a fresh token and one more try; any other 4xx is `rejected`, a 5xx or
 * no answer `unavailable`. The mail carries its id (from the idempotency key) in the
 * {@link MAIL_ID_HEADER} header and Graph's `client-request-id`.
 */
export class GraphMailer implements Mailer {
  private readonly token: EntraAppToken;
  private readonly graph: string;

  constructor(private readonly options: GraphMailerOptions) {
    this.graph = (options.graphBaseUrl ?? DEFAULT_GRAPH).replace(/\/+$/, '');
    this.token = new EntraAppToken({
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: (options.entraAuthority ?? DEFAULT_AUTHORITY).replace(/\/+$/, ''),
      scope: `${this.graph}/.default`,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  async send(message: MailMessage): Promise<void> {
    const mailId = mailIdOf(message.idempotencyKey);
    try {
      await this.sendWithRetries(message);
    } catch (error) {
      if (error instanceof MailFailure) {
        this.options.log?.warn(
          { mailId, kind: error.kind, reason: error.message },
          'mail not sent (Graph)',
        );
      }
      throw error;
    }
    this.options.log?.debug({ mailId }, 'mail sent (Graph)');
  }

  private async sendWithRetries(message: MailMessage): Promise<void> {
    const tried = { renewed: false, waited: false };
    for (;;) {
      const response = await this.post(message, await this.token.get());
      if (response.ok) return;
      const retry = this.retryFor(response, tried);
      if (!retry) throw await this.failureOf(response, message.to);
      // The answer's body is dropped before the next request, so its connection is freed.
      await response.arrayBuffer().catch(() => undefined);
      if (retry.kind === 'renewToken') {
        tried.renewed = true;
        this.token.invalidate();
      } else {
        tried.waited = true;
        this.options.log?.info(
          { status: response.status, retryAfterMs: retry.ms },
          'Graph asked to wait; trying once more',
        );
        await (this.options.wait ?? sleep)(retry.ms);
      }
    }
  }

  /** Whether a failed answer is worth one more try, and after what. */
  private retryFor(
    response: Response,
    tried: { readonly renewed: boolean; readonly waited: boolean },
  ): { kind: 'renewToken' } | { kind: 'wait'; ms: number } | undefined {
    if (response.status === 401) return tried.renewed ? undefined : { kind: 'renewToken' };
    if (response.status !== 429 && response.status !== 503) return undefined;
    const ms = retryAfterOf(response);
    if (tried.waited || ms > (this.options.maxRetryAfterMs ?? 60_000)) return undefined;
    return { kind: 'wait', ms };
  }

  private async post(message: MailMessage, token: string): Promise<Response> {
    const url = `${this.graph}/v1.0/users/${encodeURIComponent(this.options.sender)}/sendMail`;
    try {
      return await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'client-request-id': mailIdAsUuid(message.idempotencyKey),
        },
        body: JSON.stringify({
          message: {
            subject: message.subject,
            body: { contentType: 'HTML', content: message.html },
            toRecipients: [{ emailAddress: { address: message.to } }],
            internetMessageHeaders: [
              { name: MAIL_ID_HEADER, value: mailIdOf(message.idempotencyKey) },
            ],
          },
          saveToSentItems: true,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const why =
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'no answer';
      throw new MailFailure(`Microsoft Graph could not be reached (${why})`, 'unavailable');
    }
  }

  private async failureOf(response: Response, to: string): Promise<MailFailure> {
    const body = (await response.json().catch(() => ({}))) as {
      error?: { code?: unknown; message?: unknown };
    };
    const said = [body.error?.code, body.error?.message]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(': ');
    const why = withoutSecrets(`HTTP ${response.status}${said ? ` ${said}` : ''}`, [
      this.options.clientSecret,
    ]);
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      const hint = HINTS[response.status];
      return new MailFailure(
        `Microsoft Graph refused the mail to ${to} (${why})${hint ? `: ${hint}` : ''}`,
        'rejected',
      );
    }
    return new MailFailure(
      `Microsoft Graph did not take the mail, try later (${why})`,
      'unavailable',
    );
  }
}

// Graph's throttling guidance: without a Retry-After, wait a little before the one retry.
const DEFAULT_RETRY_AFTER_MS = 1000;

/** `Retry-After` in milliseconds (seconds or an HTTP date); a second when absent or unreadable. */
function retryAfterOf(response: Response): number {
  const value = response.headers.get('retry-after');
  if (value === null || value.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - Date.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
