import { createHmac, timingSafeEqual } from 'node:crypto';
import { REPORT_FORMAT_NAMES, type ReportFormatName } from '../../documents/report-formats';

/**
 * Links to a report's documents that cannot be guessed or altered, and expire: the token is
 * base64url(JSON payload) + "." + base64url(HMAC-SHA256(payload part, secret)). Anyone holding a
 * link may read that one document of that one version until it expires, as with a shared file
 * link; changing any character of the token (another version, format or expiry) breaks the
 * signature. Pure: the caller gives the secret and the time.
 */
export interface ReportLinkPayload {
  /** Group code, e.g. `CCAG`. */
  readonly group: string;
  /** Meeting number, e.g. 3. */
  readonly meeting: number;
  readonly version: number;
  readonly format: ReportFormatName;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type ReportLinkCheck =
  | { readonly ok: true; readonly payload: ReportLinkPayload }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

/** The token for a payload. */
export function signReportLink(payload: ReportLinkPayload, secret: string): string {
  const body = Buffer.from(
    JSON.stringify({
      group: payload.group,
      meeting: payload.meeting,
      version: payload.version,
      format: payload.format,
      exp: payload.exp,
    }),
    'utf8',
  ).toString('base64url');
  return `${body}.${signature(body, secret).toString('base64url')}`;
}

/**
 * Checks a token: `invalid` for anything not signed with this secret (altered, forged, signed
 * with another secret, malformed), `expired` for a genuine link past its expiry. The signature
 * is checked first and compared in constant time, so an altered expiry is `invalid`, and timing
 * tells nothing about the right signature.
 */
export function verifyReportLink(token: string, secret: string, now: Date): ReportLinkCheck {
  const invalid = { ok: false, reason: 'invalid' } as const;
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return invalid;
  const expected = signature(match[1], secret);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
  const payload = parsePayload(match[1]);
  if (!payload) return invalid;
  if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

/** Options for {@link DocumentLinks}. */
export interface DocumentLinksOptions {
  readonly secret: string;
  /** The bot's public address, e.g. `https://bot.example.org`; read when a link is made. */
  readonly baseUrl: () => string;
  /** How long a link works. */
  readonly ttlMs: number;
}

/** Makes and checks the `GET /reports/<token>` links with one secret and expiry. */
export class DocumentLinks {
  constructor(private readonly options: DocumentLinksOptions) {}

  urlFor(target: Omit<ReportLinkPayload, 'exp'>, now: Date): string {
    const exp = Math.floor((now.getTime() + this.options.ttlMs) / 1000);
    const token = signReportLink({ ...target, exp }, this.options.secret);
    return `${this.options.baseUrl().replace(/\/+$/, '')}${REPORT_LINK_PATH}/${token}`;
  }

  verify(token: string, now: Date): ReportLinkCheck {
    return verifyReportLink(token, this.options.secret, now);
  }
}

export const REPORT_LINK_PATH = '/reports';

function signature(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(body, 'utf8').digest();
}

function parsePayload(body: string): ReportLinkPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { group, meeting, version, format, exp } = value as Record<string, unknown>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;
  if (
    typeof group !== 'string' ||
    !whole(meeting) ||
    !whole(version) ||
    !whole(exp) ||
    !REPORT_FORMAT_NAMES.some((name) => name === format)
  ) {
    return undefined;
  }
  return { group, meeting, version, format: format as ReportFormatName, exp };
}
