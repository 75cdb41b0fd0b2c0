import { MailFailure } from '../core/mail';
import { withoutSecrets } from './mail-id';

/** The app's identity in Entra ID, for the client-credentials grant. */
export interface EntraAppCredentials {
  /** The tenant whose Entra ID issues the token (the mailbox's tenant). */
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://login.microsoftonline.com`, or a stand-in in tests. */
  readonly authority: string;
  /** What the token is for, e.g. `https://graph.microsoft.com/.default`. */
  readonly scope: string;
  readonly timeoutMs?: number;
}

// A token is renewed this long before it expires, so a request never leaves with a token that
// runs out on the way.
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * An app-only access token from Entra ID (`POST {authority}/{tenant}/oauth2/v2.0/token`,
 * `grant_type=client_credentials`), kept until shortly before it expires. Concurrent callers
 * share one request. The secret and the token are never logged or put in an error message.
 */
export class EntraAppToken {
  private current?: { readonly token: string; readonly renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly credentials: EntraAppCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  /** @throws MailFailure `rejected` when Entra refuses the credentials, `unavailable` when it does not answer. */
  async get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.token;
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the token (Graph said 401: revoked or expired early); the next get asks again. */
  invalidate(): void {
    this.current = undefined;
  }

  private async request(): Promise<string> {
    const { tenantId, clientId, clientSecret, authority, scope } = this.credentials;
    const url = `${authority}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: clientId,
          client_secret: clientSecret,
          grant_type: 'client_credentials',
          scope,
        }),
        signal: AbortSignal.timeout(this.credentials.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new MailFailure(
        `Entra ID could not be reached for a token: ${describe(error)}`,
        'unavailable',
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    if (response.ok && typeof body.access_token === 'string') {
      const lifetimeMs = Number(body.expires_in ?? 3600) * 1000;
      this.current = {
        token: body.access_token,
        renewAt: this.now() + Math.max(0, lifetimeMs - RENEW_BEFORE_MS),
      };
      return body.access_token;
    }
    // AADSTS descriptions run to several lines (trace and correlation ids); the first one says why.
    const description = String(body.error_description ?? '').split(/\r?\n/)[0] ?? '';
    const why = withoutSecrets(
      [body.error, description].filter((part) => part !== undefined && part !== '').join(': ') ||
        `HTTP ${response.status}`,
      [clientSecret],
    );
    const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
    throw new MailFailure(
      refused
        ? `Entra ID refused the app's credentials (check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID): ${why}`
        : `Entra ID did not issue a token, try later: ${why}`,
      refused ? 'rejected' : 'unavailable',
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    return typeof cause?.code === 'string'
      ? cause.code
      : error.name === 'TimeoutError'
        ? 'timed out'
        : error.message;
  }
  return String(error);
}
